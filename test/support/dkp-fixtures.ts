import { Schema, unwrap } from '@quartermaster/sdk';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { Caller, http, HttpOptions, HttpResult } from './http';
import { createTestOrg, expectForbiddenPaths as expectOrgRouteRefusals, TestOrg, type Tier } from './org-kit';
import { TestApp, TestUser, unique } from './test-app';

/**
 * Shared DKP fixtures: a guild (a test org with the dkp context, see org-kit.ts) with a user per
 * tier, a pool, an event and one character per user, plus the callers needed for forbidden paths
 * (an outsider who owns another dkp org, an org without dkp, a bot key with dkp:read only).
 */

export { http };
export type { Caller, HttpResult };

export interface Character {
  id: string;
  name: string;
  userId: string;
  characterClass: string;
  level: number;
  rankId: string | null;
  status: string;
  mainCharacterId: string | null;
}

export interface Guild {
  t: TestApp;
  /** The org underneath, for the generic kit (org-kit.ts). */
  org: TestOrg;
  slug: string;
  orgId: string;
  owner: TestUser;
  admin: TestUser;
  officer: TestUser;
  member: TestUser;
  readonly: TestUser;
  /** Owner of another dkp org, not a member of this one. */
  outsider: TestUser;
  otherSlug: string;
  /** An org owned by `owner` without the dkp context. */
  noDkpSlug: string;
  /** Bot key of this org with dkp:read only. */
  readBotKey: string;
  pool: { id: string; name: string };
  event: { id: string; name: string; defaultPoints: string; poolId: string };
  chars: { owner: Character; officer: Character; member: Character; readonly: Character };
  /** Calls `/api/v1/orgs/{slug}/dkp{path}` as `who` (raw, see `http`); `slug` overrides the org. */
  call(who: Caller, method: string, path: string, opts?: HttpOptions & { slug?: string }): Promise<HttpResult>;
  /** Like `call` but expects 2xx and returns the body. */
  ok(who: Caller, method: string, path: string, opts?: Omit<HttpOptions, 'rawBody'>): Promise<any>;
  /** Creates a character (as owner). */
  character(user: TestUser, name?: string, extra?: Partial<Schema<'CreateCharacterDto'>>): Promise<Character>;
  /** Adds a fresh member at `tier`. */
  newMember(tier?: string): Promise<TestUser>;
  raid(body?: Record<string, unknown>): Promise<any>;
  balance(user: TestUser | string, poolId?: string): Promise<any>;
}

/**
 * Letters-only unique character name (EverQuest names are letters only). The random part has no
 * vowels nor l, p, h, so it can never contain what the search tests look for ("alph", "ph").
 */
export function charName(prefix = 'Char'): string {
  const letters = 'bcdfgjkmnqrstvwxz';
  let s = '';
  for (let i = 0; i < 12; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return (prefix + s).slice(0, 32);
}

const DKP_TIERS = ['admin', 'officer', 'member', 'readonly'] as const;

export async function createGuild(t: TestApp, opts: { eventPoints?: string } = {}): Promise<Guild> {
  const org = await createTestOrg(t, { contexts: ['dkp'], tiers: [...DKP_TIERS], botKeyScopes: [['dkp:read']] });
  const [admin, officer, member, readonly] = DKP_TIERS.map((tier) => org.at(tier));
  const { owner } = org;
  const params = { path: { org: org.slug } };
  const g = {
    t,
    org,
    slug: org.slug,
    orgId: org.id,
    owner,
    admin,
    officer,
    member,
    readonly,
    outsider: org.outsider,
    otherSlug: org.outsiderSlug,
    noDkpSlug: org.withoutContextsSlug,
    readBotKey: org.botKeys[0].key,
  } as Guild;
  g.call = (who, method, path, o = {}) => http(t, who, method, `/api/v1/orgs/${o.slug ?? g.slug}/dkp${path}`, o);
  g.ok = async (who, method, path, o = {}) => {
    const res = await g.call(who, method, path, o);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  g.character = (user, name = charName(), extra = {}) =>
    unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/characters', {
        params,
        body: { name, characterClass: 'Warrior', userId: user.id, level: 60, ...extra },
      }),
    );
  g.newMember = (tier = 'member') => org.addUser(tier as Tier);
  g.pool = await unwrap(owner.api.POST('/api/v1/orgs/{org}/dkp/pools', { params, body: { name: unique('Main') } }));
  g.event = await unwrap(
    owner.api.POST('/api/v1/orgs/{org}/dkp/events', {
      params,
      body: { name: unique('Vox'), defaultPoints: opts.eventPoints ?? '10', poolId: g.pool.id },
    }),
  );
  g.raid = (body = {}) =>
    g.ok(officer, 'POST', '/raids', { body: { eventId: g.event.id, startsAt: new Date().toISOString(), ...body } });
  g.balance = async (user, poolId = g.pool.id) =>
    g.ok(owner, 'GET', `/points/users/${typeof user === 'string' ? user : user.id}/pools/${poolId}`);
  g.chars = {
    owner: await g.character(owner),
    officer: await g.character(officer),
    member: await g.character(member),
    readonly: await g.character(readonly),
  };
  return g;
}

export interface ForbiddenPathsSpec {
  method: string;
  path: string;
  body?: unknown;
  query?: Record<string, unknown>;
  /** Tier that may call it: 'readonly' (a read), 'officer' (a write) or 'admin'. */
  minTier: 'readonly' | 'officer' | 'admin';
}

/** The scope each DKP access level asks of a bot key (DkpRead, DkpWrite, DkpAdmin). */
const DKP_SCOPE = { readonly: 'dkp:read', officer: 'dkp:write', admin: 'dkp:admin' } as const;

/**
 * The forbidden paths of a DKP route (org-kit's `expectForbiddenPaths` for the dkp context):
 * stranger and org without dkp 404, anonymous 401, every tier below 403, a bot key lacking the
 * route's scope 403. A read is also checked to answer 200 to readonly and to a dkp:read key.
 */
export async function expectForbiddenPaths(g: Guild, spec: ForbiddenPathsSpec): Promise<void> {
  await expectOrgRouteRefusals({
    org: g.org,
    context: 'dkp',
    scopes: [DKP_SCOPE[spec.minTier]],
    minTier: spec.minTier,
    method: spec.method,
    path: spec.path,
    body: spec.body,
    query: spec.query,
    allowed: spec.minTier === 'readonly',
  });
}

/** Every stored balance equals the sum of its ledger rows (the `check:ledger` invariant). */
export async function expectLedgerConsistent(t: TestApp): Promise<void> {
  expect(await t.app.get(LedgerService).findMismatches()).toEqual([]);
}

/** The `afterAll` of a file that moves points: the ledger must still add up before the app closes. */
export async function closeCheckingLedger(t: TestApp): Promise<void> {
  await expectLedgerConsistent(t);
  await t.close();
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A complete recruitment application (the default questionnaire), its character named `<prefix>…`. */
export function applicationBody(prefix: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    characterName: charName(prefix),
    server: 'Povar',
    characterClass: 'Cleric',
    level: 60,
    guildExperience: 'Raided with Example Guild for two years',
    availability: 'Weeknights 8-12',
    timeZone: 'America/New_York',
    references: 'Somebody',
    discordUsername: 'some_player',
    ...over,
  };
}
