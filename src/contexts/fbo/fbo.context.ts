import type { ContextDefinition } from '../../platform/contexts/context-definition';
import { FBO_OPENAPI } from './fbo-openapi';
import { DISPATCH_PROBLEMS } from './dispatch/dispatch-problems';
import { seedDispatchDemo } from './dispatch/demo/dispatch-demo-seeder';
import { seedFlightOpsDemo } from './flight-ops/demo/flight-ops-demo-seeder';
import { seedFuelDemo } from './fuel/demo/fuel-demo-seeder';
import { FboModule } from './fbo.module';
import { FLIGHT_OPS_PROBLEMS } from './flight-ops/flight-ops-problems';
import { FUEL_PROBLEMS } from './fuel/fuel-problems';

/** The grants FBO adds: the front desk dispatches, trainers certify, without being officers. */
const FBO_GRANTS = ['dispatcher', 'trainer'] as const;

// Makes FBO's grants part of the platform's `Grant` type (see `ContextGrants`).
declare module '../../platform/tenancy/tiers' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContextGrants extends Record<(typeof FBO_GRANTS)[number], true> {}
}

export const fboContext: ContextDefinition = {
  name: 'fbo',
  module: FboModule,
  description:
    'Airport FBO operations: parking, aircraft and flights, the fuel farm and its stock, fuel dispatch, ' +
    'line service, ground equipment, and fueler training records.',
  openapi: FBO_OPENAPI,
  grants: FBO_GRANTS,
  scopes: ['fbo:read', 'fbo:write', 'fbo:admin', 'fbo:gauge'],
  problems: [...FLIGHT_OPS_PROBLEMS, ...FUEL_PROBLEMS, ...DISPATCH_PROBLEMS],
  demo: { slug: 'mso-fbo', name: 'Missoula FBO', usernamePrefix: 'mso' },
  seedDemo: async (app, demo) => {
    await seedFlightOpsDemo(app, demo);
    await seedFuelDemo(app, demo);
    await seedDispatchDemo(app, demo);
  },
};
