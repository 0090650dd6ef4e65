import { unwrap } from '@quartermaster/sdk';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { addMember, createOrg, registerUser, TestApp, TestUser, unique } from './test-app';

/**
 * Shared DKP fixtures: a guild (org with the dkp context) with a user per tier, a pool, an
 * event and one character per user, plus the callers needed for forbidden paths (an outsider
 * who owns another dkp org, an org without dkp, a bot key without dkp:write).
 */

export type Caller = TestUser | { apiKey: string } | null;

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

/** A raw call (no SDK types), for odd bodies, headers and paths. `path` starts with /api/v1. */
export async function http(t: TestApp, who: Caller, method: string, path: string, opts: { body?: unknown; query?: Record<string, unknown>; headers?: Record<string, string>; rawBody?: string } = {}): Promise<HttpResult> {
  const url = new URL(t.baseUrl + path);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...opts.headers };
  if (who && 'token' in who) headers.authorization = `Bearer ${who.token}`;
  else if (who && 'apiKey' in who) headers['x-api-key'] = who.apiKey;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

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
  /** Calls `/api/v1/orgs/{slug}/dkp{path}` as `who`; `slug` overrides the org. */
  call(who: Caller, method: string, path: string, opts?: { body?: unknown; query?: Record<string, unknown>; headers?: Record<string, string>; slug?: string; rawBody?: string }): Promise<HttpResult>;
  /** Like `call` but expects 2xx and returns the body. */
  ok(who: Caller, method: string, path: string, opts?: { body?: unknown; query?: Record<string, unknown>; headers?: Record<string, string> }): Promise<any>;
  /** Creates a character (as owner). */
  character(user: TestUser, name?: string, extra?: Record<string, unknown>): Promise<Character>;
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

export async function createGuild(t: TestApp, opts: { eventPoints?: string } = {}): Promise<Guild> {
  const [owner, admin, officer, member, readonly, outsider] = await Promise.all(['gm', 'adm', 'off', 'mem', 'ro', 'out'].map((p) => registerUser(t, p)));
  const org = await createOrg(owner, ['dkp']);
  const other = await createOrg(outsider, ['dkp']);
  const noDkp = await createOrg(owner, []);
  await addMember(owner, org.slug, admin, 'admin');
  await addMember(owner, org.slug, officer, 'officer');
  await addMember(owner, org.slug, member, 'member');
  await addMember(owner, org.slug, readonly, 'readonly');
  const bot = await unwrap(owner.api.POST('/api/v1/orgs/{org}/bot-keys', { params: { path: { org: org.slug } }, body: { name: 'dkp reader', scopes: ['dkp:read'], rateLimitTier: 'standard' } as never }));
  const base = `/api/v1/orgs/`;
  const g = {
    t,
    slug: org.slug,
    orgId: org.id,
    owner,
    admin,
    officer,
    member,
    readonly,
    outsider,
    otherSlug: other.slug,
    noDkpSlug: noDkp.slug,
    readBotKey: (bot as { key: string }).key,
  } as Guild;
  g.call = (who, method, path, o = {}) => http(t, who, method, `${base}${o.slug ?? g.slug}/dkp${path}`, o);
  g.ok = async (who, method, path, o = {}) => {
    const res = await g.call(who, method, path, o);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  g.character = (user, name = charName(), extra = {}) => g.ok(owner, 'POST', '/characters', { body: { name, characterClass: 'Warrior', userId: user.id, level: 60, ...extra } });
  g.newMember = async (tier = 'member') => {
    const u = await registerUser(t, 'm');
    await addMember(owner, g.slug, u, tier);
    return u;
  };
  g.pool = await g.ok(owner, 'POST', '/pools', { body: { name: unique('Main') } });
  g.event = await g.ok(owner, 'POST', '/events', { body: { name: unique('Vox'), defaultPoints: opts.eventPoints ?? '10', poolId: g.pool.id } });
  g.raid = (body = {}) => g.ok(officer, 'POST', '/raids', { body: { eventId: g.event.id, startsAt: new Date().toISOString(), ...body } });
  g.balance = async (user, poolId = g.pool.id) => g.ok(owner, 'GET', `/points/users/${typeof user === 'string' ? user : user.id}/pools/${poolId}`);
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

/**
 * The forbidden paths every DKP route shares: a stranger (who owns another dkp org) and an org
 * without dkp get 404; below the required tier gets 403; a bot key with dkp:read only gets 403
 * on writes and 200 on reads; anonymous gets 401. Only non-mutating checks: every call here is
 * refused (or a read).
 */
export async function expectForbiddenPaths(g: Guild, spec: ForbiddenPathsSpec): Promise<void> {
  const o = { body: spec.body, query: spec.query };
  const outcome = async (who: Caller, slug?: string) => (await g.call(who, spec.method, spec.path, { ...o, slug })).status;
  expect({ who: 'stranger', status: await outcome(g.outsider) }).toEqual({ who: 'stranger', status: 404 });
  expect({ who: 'no dkp context', status: await outcome(g.owner, g.noDkpSlug) }).toEqual({ who: 'no dkp context', status: 404 });
  expect({ who: 'anonymous', status: await outcome(null) }).toEqual({ who: 'anonymous', status: 401 });
  if (spec.minTier === 'readonly') {
    expect(await outcome(g.readonly)).toBe(200);
    expect(await outcome({ apiKey: g.readBotKey })).toBe(200);
  } else {
    const bot = await g.call({ apiKey: g.readBotKey }, spec.method, spec.path, o);
    expect({ who: 'read-only bot', status: bot.status }).toEqual({ who: 'read-only bot', status: 403 });
    expect(bot.body.type).toMatch(/insufficient-scope$/);
    expect({ who: 'member', status: await outcome(g.member) }).toEqual({ who: 'member', status: 403 });
    expect({ who: 'readonly', status: await outcome(g.readonly) }).toEqual({ who: 'readonly', status: 403 });
    if (spec.minTier === 'admin') expect({ who: 'officer', status: await outcome(g.officer) }).toEqual({ who: 'officer', status: 403 });
  }
}

/** Every stored balance equals the sum of its ledger rows (the `check:ledger` invariant). */
export async function expectLedgerConsistent(t: TestApp): Promise<void> {
  expect(await t.app.get(LedgerService).findMismatches()).toEqual([]);
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
