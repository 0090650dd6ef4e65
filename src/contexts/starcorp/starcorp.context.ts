import type { ContextDefinition } from '../../platform/contexts/context-definition';
import { COMMUNICATIONS_PROBLEMS } from './communications/communications-problems';
import { seedCommunicationsDemo } from './communications/demo/communications-demo-seeder';
import { STARCORP_OPENAPI } from './starcorp-openapi';
import { MISSIONS_PROBLEMS } from './missions/missions-problems';
import { seedMissionsDemo } from './missions/demo/missions-demo-seeder';
import { RSI_PROBLEMS } from './rsi/rsi-problems';
import { seedRsiDemo } from './rsi/demo/rsi-demo-seeder';
import { seedPeopleDemo } from './people/demo/people-demo-seeder';
import { seedPublishingDemo } from './publishing/demo/publishing-demo-seeder';
import { PEOPLE_PROBLEMS } from './people/people-problems';
import { PUBLISHING_PROBLEMS } from './publishing/publishing-problems';
import { StarcorpModule } from './starcorp.module';

/** The grants the corporation adds: editors write the blog without being officers. */
const STARCORP_GRANTS = ['editor'] as const;

// Makes the context's grants part of the platform's `Grant` type (see `ContextGrants`).
declare module '../../platform/tenancy/tiers' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContextGrants extends Record<(typeof STARCORP_GRANTS)[number], true> {}
}

export const starcorpContext: ContextDefinition = {
  name: 'starcorp',
  module: StarcorpModule,
  description:
    "Star Citizen corporations: member profiles and ranks, the ship catalog and the members' fleet, " +
    'squadrons, the blog, the public contact form and the item store.',
  openapi: STARCORP_OPENAPI,
  grants: STARCORP_GRANTS,
  scopes: ['starcorp:read', 'starcorp:write', 'starcorp:admin'],
  problems: [
    ...PEOPLE_PROBLEMS,
    ...PUBLISHING_PROBLEMS,
    ...RSI_PROBLEMS,
    ...MISSIONS_PROBLEMS,
    ...COMMUNICATIONS_PROBLEMS,
  ],
  demo: { slug: 'far-out', name: 'Far Out Corporation', usernamePrefix: 'farout' },
  seedDemo: async (app, demo) => {
    await seedPeopleDemo(app, demo);
    await seedPublishingDemo(app, demo);
    await seedRsiDemo(app, demo);
    await seedMissionsDemo(app, demo);
    await seedCommunicationsDemo(app, demo);
  },
};
