import type { ContextOpenApi } from '../../platform/contexts/context-definition';

/**
 * How Swagger UI shows the dkp context: its group and one tag per aggregate, each with the
 * paths it covers, relative to `/orgs/{org}/dkp` (see src/platform/http/openapi-tags.ts).
 */
export const DKP_OPENAPI: ContextOpenApi = {
  group: 'DKP',
  tags: [
    {
      name: 'Roster',
      description: "The guild's characters (main and alts), their owners and ranks, and the roster audit trail.",
      prefixes: ['/characters', '/ranks', '/roster-audit'],
    },
    {
      name: 'Pools',
      description: 'Point pools (one per tier of content, say) and their periodic decay.',
      prefixes: ['/pools'],
    },
    {
      name: 'Events',
      description: 'Event types (a raid target, a zone) with the points a raid of that type awards by default.',
      prefixes: ['/events'],
    },
    {
      name: 'Raids',
      description: 'Raids: when, which event, which pool, how many points.',
      prefixes: ['/raids'],
    },
    {
      name: 'Attendance',
      description:
        "Who was at a raid: added by hand or imported from the game's raid dump (`/outputfile raidlist`) or `/who` " +
        'lines; attending earns the raid its points.',
      prefixes: ['/raids/{id}/attendance'],
    },
    {
      name: 'Points',
      description:
        'Balances, history, leaderboards and adjustments. Points are decimal strings with two places ("125.50"), ' +
        'computed by the server; the ledger is append-only.',
      prefixes: ['/points'],
    },
    {
      name: 'Items & loot',
      description: 'The item catalogue, price statistics and bid history, and loot awarded to characters.',
      prefixes: ['/items', '/loot'],
    },
    {
      name: 'Auctions',
      description: 'Bid sessions on dropped items: open, bid, close, award or cancel; the live event stream.',
      prefixes: ['/bidding'],
    },
    {
      name: 'Recruitment',
      description: 'Applications to join the guild, questions, settings, comments, votes and decisions.',
      prefixes: ['/applications'],
    },
    {
      name: 'Discord bot',
      description:
        "What the guild's Discord bot calls with its bot key: balances, bid validation and results, member " +
        'links, role mappings and role sync.',
      prefixes: ['/discord'],
    },
    {
      name: 'EQdkp import',
      description:
        "Import a guild's whole history from its EQdkp Plus database as a job (the same importer as " +
        '`npm run import:eqdkp`): start it, follow its progress and read its report.',
      prefixes: ['/imports'],
    },
  ],
};
