/**
 * Swagger UI's tags, derived from each operation's URL rather than from the controller that
 * happens to serve it (the bot's `/dkp/discord/...` routes live in three controllers): one tag per
 * context and aggregate, in the order an admin reads them, grouped by `x-tagGroups`.
 *
 * A path belongs to the entry with the longest matching prefix (`prefixes`: the path itself or
 * anything below it) or to an entry listing it in `exact`. Paths are written relative to the
 * base path `/api/v1`, with `{org}` for the org slug. The spec test checks that every operation
 * lands in one of these tags, so a new route without an entry fails CI instead of hiding.
 */
export interface TagEntry {
  group: string;
  name: string;
  description: string;
  prefixes?: string[];
  exact?: string[];
}

const ORG = '/orgs/{org}';
const DKP = `${ORG}/dkp`;
const FBO = `${ORG}/fbo`;
const STARCORP = `${ORG}/starcorp`;
const BROKERAGE = `${ORG}/brokerage`;

export const TAG_GROUP_ORDER = ['Platform', 'DKP', 'FBO', 'Brokerage', 'Star Citizen'] as const;

export const OPENAPI_TAGS: readonly TagEntry[] = [
  {
    group: 'Platform',
    name: 'Platform · Service',
    description: 'Where the docs are, and the liveness and readiness probes for load balancers and orchestrators.',
    exact: ['/', ''],
    prefixes: ['/health'],
  },
  {
    group: 'Platform',
    name: 'Platform · Auth',
    description:
      'Log in with a username and password or with Discord, refresh the access token (rotating the refresh ' +
      'token), log out, and link or unlink a Discord account. Demo: `demo-officer` / `quartermaster-demo`.',
    prefixes: ['/auth', '/me/discord'],
  },
  {
    group: 'Platform',
    name: 'Platform · My account',
    description: 'The caller: profile, memberships and tiers in each org.',
    exact: ['/me'],
  },
  {
    group: 'Platform',
    name: 'Platform · API keys',
    description:
      'Personal API keys (act as their user) and bot keys (act for one org with explicit scopes). ' +
      'A key is shown once, at creation or rotation; send it as `Authorization: Bearer <key>` or `X-API-Key`.',
    prefixes: ['/me/api-keys', `${ORG}/bot-keys`],
  },
  {
    group: 'Platform',
    name: 'Platform · Orgs',
    description:
      'Organizations (tenants): create one, read and update its profile and enabled contexts, switch its public ' +
      'site on, and read the public profile (without a login, once the site is on).',
    exact: ['/orgs', ORG, `${ORG}/public`],
  },
  {
    group: 'Platform',
    name: 'Platform · Members',
    description: "An org's memberships: tiers on the ladder owner > admin > officer > member > ..., and grants.",
    prefixes: [`${ORG}/members`, `${ORG}/membership`],
  },
  {
    group: 'Platform',
    name: 'Platform · Invitations',
    description: 'Invitation codes that let a user join an org at a given tier.',
    prefixes: [`${ORG}/invitations`, '/invitations'],
  },
  {
    group: 'Platform',
    name: 'Platform · Webhooks',
    description: 'Signed webhook subscriptions to domain events, their deliveries, retries and secret rotation.',
    prefixes: [`${ORG}/webhooks`],
  },
  {
    group: 'Platform',
    name: 'Platform · Files',
    description:
      "An org's documents and images: uploaded as raw bytes for a purpose (type checked by content, size " +
      'limited per purpose), downloaded only through these routes, deleted by a background job.',
    prefixes: [`${ORG}/files`],
  },
  {
    group: 'Platform',
    name: 'Platform · Audit log',
    description: 'The append-only record of every mutation in an org: who did what, when.',
    prefixes: [`${ORG}/audit-log`],
  },
  {
    group: 'Platform',
    name: 'Platform · Administration',
    description: 'Platform administrators only: every org across tenants, and the background job queues.',
    prefixes: ['/admin'],
  },
  {
    group: 'DKP',
    name: 'DKP · Roster',
    description: "The guild's characters (main and alts), their owners and ranks, and the roster audit trail.",
    prefixes: [`${DKP}/characters`, `${DKP}/ranks`, `${DKP}/roster-audit`],
  },
  {
    group: 'DKP',
    name: 'DKP · Pools',
    description: 'Point pools (one per tier of content, say) and their periodic decay.',
    prefixes: [`${DKP}/pools`],
  },
  {
    group: 'DKP',
    name: 'DKP · Events',
    description: 'Event types (a raid target, a zone) with the points a raid of that type awards by default.',
    prefixes: [`${DKP}/events`],
  },
  {
    group: 'DKP',
    name: 'DKP · Raids',
    description: 'Raids: when, which event, which pool, how many points.',
    prefixes: [`${DKP}/raids`],
  },
  {
    group: 'DKP',
    name: 'DKP · Attendance',
    description:
      "Who was at a raid: added by hand or imported from the game's raid dump (`/outputfile raidlist`) or `/who` " +
      'lines; attending earns the raid its points.',
    prefixes: [`${DKP}/raids/{id}/attendance`],
  },
  {
    group: 'DKP',
    name: 'DKP · Points',
    description:
      'Balances, history, leaderboards and adjustments. Points are decimal strings with two places ("125.50"), ' +
      'computed by the server; the ledger is append-only.',
    prefixes: [`${DKP}/points`],
  },
  {
    group: 'DKP',
    name: 'DKP · Items & loot',
    description: 'The item catalogue, price statistics and bid history, and loot awarded to characters.',
    prefixes: [`${DKP}/items`, `${DKP}/loot`],
  },
  {
    group: 'DKP',
    name: 'DKP · Auctions',
    description: 'Bid sessions on dropped items: open, bid, close, award or cancel; the live event stream.',
    prefixes: [`${DKP}/bidding`],
  },
  {
    group: 'DKP',
    name: 'DKP · Recruitment',
    description: 'Applications to join the guild, questions, settings, comments, votes and decisions.',
    prefixes: [`${DKP}/applications`],
  },
  {
    group: 'DKP',
    name: 'DKP · Discord bot',
    description:
      "What the guild's Discord bot calls with its bot key: balances, bid validation and results, member " +
      'links, role mappings and role sync.',
    prefixes: [`${DKP}/discord`],
  },
  {
    group: 'DKP',
    name: 'DKP · EQdkp import',
    description:
      "Import a guild's whole history from its EQdkp Plus database as a job (the same importer as " +
      '`npm run import:eqdkp`): start it, follow its progress and read its report.',
    prefixes: [`${DKP}/imports`],
  },
  {
    group: 'FBO',
    name: 'FBO · Settings & parking',
    description:
      "The FBO's airports, time zone, fuel densities and tags, and its parking locations (ramps, gates, spots).",
    prefixes: [`${FBO}/settings`, `${FBO}/parking-locations`],
  },
  {
    group: 'FBO',
    name: 'FBO · Aircraft & flights',
    description:
      'Aircraft by tail number and the flights the front desk books: arrivals and departures, services ordered, ' +
      'parking, and their states (planned, scheduled, delayed, arrived, departed, cancelled).',
    prefixes: [`${FBO}/aircraft`, `${FBO}/flights`],
  },
  {
    group: 'FBO',
    name: 'FBO · Equipment',
    description: 'Ground support equipment (fuel trucks, tugs, GPUs, ...): status, use and the maintenance log.',
    prefixes: [`${FBO}/equipment`],
  },
  {
    group: 'FBO',
    name: 'FBO · Line service',
    description: 'Arrival, departure, turnaround and overnight services on flights: scheduled, started, completed.',
    prefixes: [`${FBO}/line-services`],
  },
  {
    group: 'FBO',
    name: 'FBO · Fuel farm',
    description:
      'Storage tanks with their calibration tables, level readings (by hand or from a gauge bot) and the ' +
      '14 CFR 139.321 inspections.',
    prefixes: [`${FBO}/tanks`, `${FBO}/tank-readings`],
  },
  {
    group: 'FBO',
    name: 'FBO · Fuel stock',
    description:
      'The fuel ledger: receipts, transfers from tanks to trucks, defuels and stick-reading adjustments, ' +
      'with the stock of every tank and truck and the variance. Gallons are decimal strings.',
    prefixes: [`${FBO}/fuel`],
  },
  {
    group: 'FBO',
    name: 'FBO · Fuelers & training',
    description: 'Line staff, training courses, certifications with their expiry, training assignments and compliance.',
    prefixes: [
      `${FBO}/fuelers`,
      `${FBO}/training-courses`,
      `${FBO}/certifications`,
      `${FBO}/me/certifications`,
      `${FBO}/training-assignments`,
      `${FBO}/compliance`,
    ],
  },
  {
    group: 'Brokerage',
    name: 'Brokerage · Settings',
    description:
      "The brokerage's legal name, currency, time zone, document number prefixes, reminder schedule and trial, " +
      'and its list of proteins.',
    prefixes: [`${BROKERAGE}/settings`, `${BROKERAGE}/proteins`],
  },
  {
    group: 'Brokerage',
    name: 'Brokerage · Parties',
    description:
      'Suppliers (packers), customers, plants and carriers with their terms, credit limits, certificates and ' +
      'insurance, and the contacts linked to them. Records in use are archived, not deleted.',
    prefixes: [
      `${BROKERAGE}/suppliers`,
      `${BROKERAGE}/customers`,
      `${BROKERAGE}/plants`,
      `${BROKERAGE}/carriers`,
      `${BROKERAGE}/contacts`,
    ],
  },
  {
    group: 'Brokerage',
    name: 'Brokerage · Products',
    description: 'The product list: protein, fresh or frozen, package, net or catch weight, unit weight.',
    prefixes: [`${BROKERAGE}/products`],
  },
  {
    group: 'Brokerage',
    name: 'Brokerage · Purchase orders',
    description:
      'Loads bought from packers: lines priced per lb, kg or case with totals computed by the server, gapless ' +
      'numbers per org, approval by officers, receiving with actual weights.',
    prefixes: [`${BROKERAGE}/purchase-orders`],
  },
  {
    group: 'Star Citizen',
    name: 'Star Citizen · Members & ranks',
    description: "Member profiles, ranks, service records and avatars, and the corporation's people settings.",
    prefixes: [`${STARCORP}/members`, `${STARCORP}/ranks`, `${STARCORP}/people-settings`],
  },
  {
    group: 'Star Citizen',
    name: 'Star Citizen · Ships & fleet',
    description:
      "The ship catalog (shared by every org: manufacturers, ships, components) and the members' fleet, one row per hull.",
    prefixes: [`${STARCORP}/ships`, `${STARCORP}/manufacturers`, `${STARCORP}/fleet`],
  },
  {
    group: 'Star Citizen',
    name: 'Star Citizen · Squadrons',
    description: 'Squadrons, their commanders and members; joining checks capacity and recruiting.',
    prefixes: [`${STARCORP}/squadrons`],
  },
  {
    group: 'Star Citizen',
    name: 'Star Citizen · Blog',
    description: 'Posts, categories and tags; published posts are public once the org site is on.',
    prefixes: [`${STARCORP}/blog`],
  },
  {
    group: 'Star Citizen',
    name: 'Star Citizen · Contact & items',
    description: "The public contact form and its triage, and the corporation's item store with its movements.",
    prefixes: [`${STARCORP}/contact`, `${STARCORP}/items`],
  },
];

/** The path as the table writes it: without the `/api/v1` base path. */
function relativePath(path: string): string {
  return path.startsWith('/api/v1') ? path.slice('/api/v1'.length) : path;
}

/** The tag entry for a spec path (`/api/v1/orgs/{org}/dkp/raids`), or undefined when none matches. */
export function tagForPath(path: string): TagEntry | undefined {
  const relative = relativePath(path);
  let best: { entry: TagEntry; length: number } | undefined;
  for (const entry of OPENAPI_TAGS) {
    if (entry.exact?.includes(relative)) return entry;
    for (const prefix of entry.prefixes ?? []) {
      const matches = relative === prefix || relative.startsWith(prefix + '/');
      if (matches && (!best || prefix.length > best.length)) best = { entry, length: prefix.length };
    }
  }
  return best?.entry;
}
