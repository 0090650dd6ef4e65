import type { DemoOrg } from '../../src/platform/contexts/context-definition';
import { Caller, http, HttpOptions, HttpResult } from './http';
import { createTestOrg, expectForbiddenPaths, ForbiddenPathsSpec, TestOrg, TestOrgOptions, Tier } from './org-kit';
import { TestApp, TestUser } from './test-app';

/**
 * The raw-call kit of a context's e2e tests: calls below `/api/v1/orgs/{slug}/{context}` (raw,
 * because the SDK learns a new context's routes only when the integrator regenerates it), the
 * refusals every route owes, and the outbox and audit rows a change leaves. Each context's kit is a
 * thin layer on this one (its org's grants and factories), so the wrappers are written once.
 */

/** Raw call options; `slug` sends the call to another org (the outsider's, to check 404s). */
export type CallOptions = HttpOptions & { slug?: string };

/** What a refused route's check needs besides the route (see `expectForbiddenPaths`). */
export type RefusalOptions = Pick<ForbiddenPathsSpec, 'allowed' | 'okStatus' | 'revokedKey'> & {
  body?: unknown;
  query?: Record<string, unknown>;
};

/** A call that must be a 404: method, path below the context, and a body for writes. */
export type NotFoundCall = readonly [method: string, path: string, body?: unknown];

export interface ContextKit {
  t: TestApp;
  org: TestOrg;
  /** The context's path segment, e.g. `fbo`. */
  context: string;
  /** A raw call below the org's context prefix, e.g. `call(user, 'GET', '/tanks')`. */
  call(who: Caller, method: string, path: string, opts?: CallOptions): Promise<HttpResult>;
  /** Like `call`, and expects a 2xx: returns the body (raw JSON, untyped). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ok(who: Caller, method: string, path: string, opts?: CallOptions): Promise<any>;
  /** Like `call`, and expects `status` (and the problem slug `problem`): returns the problem body. */
  fails(
    who: Caller,
    status: number,
    method: string,
    path: string,
    opts?: CallOptions & { problem?: string },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<any>;
  /**
   * Expects 404 from each call (another org's ids, a deleted row); `slug` sends them to another org.
   * The call is in the comparison, so a failure says which one it was.
   */
  expectNotFound(who: Caller, calls: readonly NotFoundCall[], opts?: { slug?: string }): Promise<void>;
  /** Checks every refusal the route owes (stranger and no-context 404, 401, lower tiers and scope-less bot 403). */
  forbidden(method: string, path: string, minTier: Tier, scopes: string[], opts?: RefusalOptions): Promise<void>;
  /** The org's outbox events of a type, oldest first. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  events(type: string): Promise<{ subject_id: string | null; payload: Record<string, any> }[]>;
  /** The org's audit entries of an action (a handler name). */
  audits(action: string): Promise<{ target_id: string | null; actor_user_id: string | null }[]>;
}

/** Creates an org with `context` enabled (and a user at each tier) and its kit. */
export async function createContextKit(
  t: TestApp,
  context: string,
  options: Omit<TestOrgOptions, 'contexts'> = {},
): Promise<ContextKit> {
  return contextKit(t, await createTestOrg(t, { ...options, contexts: [context] }), context);
}

/** The kit of an existing test org. */
export function contextKit(t: TestApp, org: TestOrg, context: string): ContextKit {
  const call: ContextKit['call'] = (who, method, path, opts = {}) =>
    http(t, who, method, `/api/v1/orgs/${opts.slug ?? org.slug}/${context}${path}`, opts);
  return {
    t,
    org,
    context,
    call,
    async ok(who, method, path, opts) {
      const res = await call(who, method, path, opts);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async fails(who, status, method, path, opts) {
      const res = await call(who, method, path, opts);
      // The path in the comparison says which call it was.
      expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status });
      if (opts?.problem) expect(res.body.slug).toBe(opts.problem);
      return res.body;
    },
    async expectNotFound(who, calls, opts = {}) {
      for (const [method, path, body] of calls) {
        const res = await call(who, method, path, { body, slug: opts.slug });
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      }
    },
    forbidden: (method, path, minTier, scopes, opts = {}) =>
      expectForbiddenPaths({ org, context, method, path, scopes, minTier, ...opts }),
    events: (type) =>
      t.db.query('SELECT subject_id, payload FROM outbox_events WHERE org_id = $1 AND type = $2 ORDER BY created_at', [
        org.id,
        type,
      ]),
    audits: (action) =>
      t.db.query('SELECT target_id, actor_user_id FROM audit_log WHERE org_id = $1 AND action = $2', [org.id, action]),
  };
}

/** The field paths of a 400 problem (a response or its body), each once, sorted. */
export function errorPaths(problem: HttpResult | { errors?: { path: string }[] }): string[] {
  const body = 'headers' in problem ? problem.body : problem;
  return [...new Set(((body?.errors ?? []) as { path: string }[]).map((e) => e.path))].sort();
}

/** A context demo seeder's input for a test org: its owner, officer and member, and the grant holders. */
export function demoOrgOf(
  org: TestOrg,
  name: string,
  grantHolders: Partial<Record<keyof DemoOrg['grantHolders'], TestUser>> = {},
): DemoOrg {
  const user = (u: TestUser) => ({ id: u.id, username: u.username });
  return {
    org: { id: org.id, slug: org.slug, name },
    owner: user(org.owner),
    officer: user(org.at('officer')),
    member: user(org.at('member')),
    grantHolders: Object.fromEntries(Object.entries(grantHolders).map(([grant, u]) => [grant, user(u!)])),
  };
}

/**
 * Sends each bad input and expects a 400 naming its field path; the input is in the comparison, so
 * a failure says which case it was.
 */
export async function expectEachInvalid<Input>(
  cases: readonly (readonly [Input, string])[],
  send: (input: Input) => Promise<HttpResult>,
): Promise<void> {
  for (const [input, path] of cases) {
    const res = await send(input);
    expect({ input, status: res.status }).toEqual({ input, status: 400 });
    expect(errorPaths(res)).toContain(path);
  }
}
