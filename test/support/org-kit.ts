import { QuartermasterClient, Schema, unwrap } from '@quartermaster/sdk';
import { TIERS, tierAtLeast, type Tier } from '../../src/platform/tenancy/tiers';
import { Caller, http } from './http';
import { addMember, createOrg, registerUser, TestApp, TestUser } from './test-app';

/**
 * The test kit every context shares: an org with the contexts under test and a user at each
 * tier, bot keys, the callers that must be refused (a stranger who owns another org with the same
 * contexts, an org without them), and `expectForbiddenPaths`, which checks every refusal a route
 * owes. A context's fixtures build on these (see dkp-fixtures.ts) instead of copying them.
 */

export type { Tier };
export type Grant = Schema<'Grant'>;

export interface BotKey {
  id: string;
  /** The secret, sent as X-API-Key. */
  key: string;
  scopes: string[];
}

export interface TestOrgOptions {
  /** Contexts enabled on the org (and on the outsider's org). */
  contexts: string[];
  /** Tiers to create a user at, besides the owner. Default: every tier below owner. */
  tiers?: Tier[];
  /** Grants of the users created at a tier, e.g. `{ member: ['recruiter'] }`. */
  grants?: Partial<Record<Tier, Grant[]>>;
  /** A bot key of the org per entry, with those scopes (`botKeys` in the same order). */
  botKeyScopes?: string[][];
}

export interface TestOrg {
  t: TestApp;
  id: string;
  slug: string;
  contexts: string[];
  owner: TestUser;
  /** The user created at each tier (owner included). */
  users: Partial<Record<Tier, TestUser>>;
  /** Owner of another org with the same contexts, not a member of this one. */
  outsider: TestUser;
  outsiderSlug: string;
  /** An org owned by `owner` with none of the contexts. */
  withoutContextsSlug: string;
  /** The bot keys of `botKeyScopes`, then those added since. */
  botKeys: BotKey[];
  /** The user created at `tier`; throws when the org has none. */
  at(tier: Tier): TestUser;
  /** Registers a fresh user and adds them at `tier`. */
  addUser(tier: Tier, grants?: Grant[]): Promise<TestUser>;
  /** Creates a bot key of the org (as the owner). */
  addBotKey(scopes: string[], name?: string): Promise<BotKey>;
  /** A bot key holding every one of `scopes` (created on first use). */
  botKeyWith(scopes: string[]): Promise<BotKey>;
  /** A bot key lacking at least one of `scopes` (one with `org:read` only when the org has none). */
  botKeyLacking(scopes: string[]): Promise<BotKey>;
  /** A revoked bot key that held `scopes` (created and revoked on first use). */
  revokedBotKey(scopes: string[]): Promise<BotKey>;
}

/** Every tier below the owner, highest first. */
export const TIERS_BELOW_OWNER: Tier[] = TIERS.filter((tier) => tier !== 'owner');

export async function createTestOrg(t: TestApp, options: TestOrgOptions): Promise<TestOrg> {
  const tiers = options.tiers ?? TIERS_BELOW_OWNER;
  const [owner, outsider, ...tiered] = await Promise.all(
    ['owner', 'outsider', ...tiers].map((prefix) => registerUser(t, prefix)),
  );
  const [org, outsiderOrg, withoutContexts] = await Promise.all([
    createOrg(owner, options.contexts),
    createOrg(outsider, options.contexts),
    createOrg(owner, []),
  ]);
  await Promise.all(
    tiered.map((user, i) => addMember(owner, org.slug, user, tiers[i], options.grants?.[tiers[i]] ?? [])),
  );
  const users: Partial<Record<Tier, TestUser>> = {
    owner,
    ...Object.fromEntries(tiers.map((tier, i) => [tier, tiered[i]])),
  };
  const kit = new TestOrgKit(t, org, owner, users, options.contexts, outsider, outsiderOrg.slug, withoutContexts.slug);
  for (const scopes of options.botKeyScopes ?? []) await kit.addBotKey(scopes);
  return kit;
}

class TestOrgKit implements TestOrg {
  readonly id: string;
  readonly slug: string;
  readonly botKeys: BotKey[] = [];
  private readonly revoked = new Map<string, BotKey>();

  constructor(
    readonly t: TestApp,
    org: { id: string; slug: string },
    readonly owner: TestUser,
    readonly users: Partial<Record<Tier, TestUser>>,
    readonly contexts: string[],
    readonly outsider: TestUser,
    readonly outsiderSlug: string,
    readonly withoutContextsSlug: string,
  ) {
    this.id = org.id;
    this.slug = org.slug;
  }

  at(tier: Tier): TestUser {
    const user = this.users[tier];
    if (!user) throw new Error(`the test org has no ${tier}: add it to createTestOrg's tiers`);
    return user;
  }

  async addUser(tier: Tier, grants: Grant[] = []): Promise<TestUser> {
    const user = await registerUser(this.t, tier);
    await addMember(this.owner, this.slug, user, tier, grants);
    return user;
  }

  async addBotKey(scopes: string[], name = `bot ${scopes.join(' ')}`): Promise<BotKey> {
    const created = await unwrap(
      this.owner.api.POST('/api/v1/orgs/{org}/bot-keys', {
        params: { path: { org: this.slug } },
        body: { name, scopes, rateLimitTier: 'standard' },
      }),
    );
    const key = { id: created.id, key: created.key, scopes: created.scopes };
    this.botKeys.push(key);
    return key;
  }

  async botKeyWith(scopes: string[]): Promise<BotKey> {
    return this.botKeys.find((key) => scopes.every((scope) => key.scopes.includes(scope))) ?? this.addBotKey(scopes);
  }

  async botKeyLacking(scopes: string[]): Promise<BotKey> {
    const lacking = this.botKeys.find((key) => scopes.some((scope) => !key.scopes.includes(scope)));
    if (lacking) return lacking;
    // `org:read` is a platform scope every deployment has, and no context route asks for it.
    if (scopes.includes('org:read')) throw new Error('give createTestOrg a bot key lacking one of these scopes');
    return this.addBotKey(['org:read']);
  }

  async revokedBotKey(scopes: string[]): Promise<BotKey> {
    const id = [...scopes].sort().join(' ');
    let key = this.revoked.get(id);
    if (!key) {
      key = await this.addBotKey(scopes, `revoked ${id}`);
      this.botKeys.splice(this.botKeys.indexOf(key), 1);
      await unwrap(
        this.owner.api.DELETE('/api/v1/orgs/{org}/bot-keys/{id}', { params: { path: { org: this.slug, id: key.id } } }),
      );
      this.revoked.set(id, key);
    }
    return key;
  }
}

/** A call through the typed SDK, made as a given client against a given org slug. */
export type TypedRequest = (api: QuartermasterClient, org: string) => Promise<{ error?: unknown; response: Response }>;

/** The route under test: a typed SDK call (preferred), or a method and a path below the context. */
export type RouteCall =
  | { request: TypedRequest }
  | {
      method: string;
      /** Below `/api/v1/orgs/{org}/{context}`, e.g. `/pools`. */
      path: string;
      body?: unknown;
      query?: Record<string, unknown>;
    };

export type ForbiddenPathsSpec = RouteCall & {
  org: TestOrg;
  /** The context the route belongs to (the org has it, `withoutContextsSlug` has not). */
  context: string;
  /** The scopes the route's policy names: a bot key must hold every one. */
  scopes: string[];
  /** The lowest tier the route admits: every tier of the org below it gets 403. */
  minTier: Tier;
  /**
   * Also check that `minTier` and a bot key holding `scopes` succeed (with `okStatus`, default
   * 200). Only for calls that change nothing, like reads.
   */
  allowed?: boolean;
  okStatus?: number;
  /** Also check that a revoked key that held `scopes` gets 401. */
  revokedKey?: boolean;
};

interface Outcome {
  status: number;
  /** The problem document of a refusal. */
  body: { type?: string } | undefined;
}

/**
 * The refusals every org route of a context owes: a stranger (who owns another org with the
 * context) and an org without the context get 404, anonymous gets 401, every tier of the org
 * below `minTier` gets 403, and a bot key lacking the route's scopes gets 403 insufficient-scope.
 * Every call here is refused unless `allowed` is set, so a write can be checked without effects.
 */
export async function expectForbiddenPaths(spec: ForbiddenPathsSpec): Promise<void> {
  const { org } = spec;
  if (!org.contexts.includes(spec.context)) throw new Error(`the test org lacks the ${spec.context} context`);
  const send = sender(spec);
  const expectStatus = async (who: string, caller: Caller, status: number, slug = org.slug): Promise<Outcome> => {
    const outcome = await send(caller, slug);
    // The caller's name in the comparison says which check failed.
    expect({ who, status: outcome.status }).toEqual({ who, status });
    return outcome;
  };
  await expectStatus('stranger', org.outsider, 404);
  await expectStatus(`org without ${spec.context}`, org.owner, 404, org.withoutContextsSlug);
  await expectStatus('anonymous', null, 401);
  for (const [tier, user] of usersBelow(org, spec.minTier)) await expectStatus(tier, user, 403);
  const lacking = await org.botKeyLacking(spec.scopes);
  const refused = await expectStatus(`bot key with ${lacking.scopes.join(', ')}`, { apiKey: lacking.key }, 403);
  expect(refused.body?.type).toMatch(/insufficient-scope$/);
  if (spec.revokedKey)
    await expectStatus('revoked bot key', { apiKey: (await org.revokedBotKey(spec.scopes)).key }, 401);
  if (spec.allowed) {
    const okStatus = spec.okStatus ?? 200;
    await expectStatus(spec.minTier, org.at(spec.minTier), okStatus);
    await expectStatus(
      `bot key with ${spec.scopes.join(', ')}`,
      { apiKey: (await org.botKeyWith(spec.scopes)).key },
      okStatus,
    );
  }
}

/** The org's users whose tier is below `minTier`, highest first. */
function usersBelow(org: TestOrg, minTier: Tier): [Tier, TestUser][] {
  return TIERS.filter((tier) => !tierAtLeast(tier, minTier)).flatMap((tier) =>
    org.users[tier] ? [[tier, org.users[tier]] as [Tier, TestUser]] : [],
  );
}

/** Makes the route's call as a caller against an org slug, typed or raw. */
function sender(spec: ForbiddenPathsSpec): (caller: Caller, slug: string) => Promise<Outcome> {
  const { t } = spec.org;
  if ('request' in spec) {
    const client = (caller: Caller) =>
      caller === null ? t.anonymous : 'apiKey' in caller ? t.as({ apiKey: caller.apiKey }) : caller.api;
    return async (caller, slug) => {
      const { error, response } = await spec.request(client(caller), slug);
      return { status: response.status, body: error as Outcome['body'] };
    };
  }
  return (caller, slug) =>
    http(t, caller, spec.method, `/api/v1/orgs/${slug}/${spec.context}${spec.path}`, {
      body: spec.body,
      query: spec.query,
    });
}
