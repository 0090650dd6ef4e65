import type { ContextDefinition } from '../../platform/contexts/context-definition';
import { DKP_OPENAPI } from './dkp-openapi';
import { seedDkpDemo } from './demo/dkp-demo-seeder';
import { DKP_PROBLEMS } from './dkp-problems';
import { DKP_IMPORT_PROBLEMS } from './import/import-problems';
import { DkpModule } from './dkp.module';

/** The grants DKP adds: recruiters run recruitment without being officers. */
const DKP_GRANTS = ['recruiter'] as const;

// Makes DKP's grants part of the platform's `Grant` type (see `ContextGrants`).
declare module '../../platform/tenancy/tiers' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContextGrants extends Record<(typeof DKP_GRANTS)[number], true> {}
}

export const dkpContext: ContextDefinition = {
  name: 'dkp',
  module: DkpModule,
  description:
    'Guild DKP (EQ DKP Plus): the roster of characters, raids and attendance, point pools with a ledger and decay, ' +
    'items and loot auctions with bidding, recruitment (applications, votes, trials) and Discord role sync.',
  openapi: DKP_OPENAPI,
  grants: DKP_GRANTS,
  scopes: ['dkp:read', 'dkp:write', 'dkp:admin', 'dkp:bidding', 'dkp:auctioneer', 'dkp:recruitment', 'roster:sync'],
  problems: [...DKP_PROBLEMS, ...DKP_IMPORT_PROBLEMS],
  demo: { slug: 'demo-guild', name: 'Demo Guild', usernamePrefix: 'demo' },
  seedDemo: seedDkpDemo,
};
