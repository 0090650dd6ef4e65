import { Caller, http, HttpResult } from '../support/http';
import { createTestOrg, expectForbiddenPaths, TestOrg, Tier } from '../support/org-kit';
import { TestApp } from '../support/test-app';

/**
 * The starcorp people-and-ships fixture: an org with `starcorp` and a user at each tier, raw calls
 * below `/api/v1/orgs/{org}/starcorp` (the SDK does not know these routes yet), and the refusals
 * every route owes.
 */
export interface PeopleOrg {
  t: TestApp;
  org: TestOrg;
  /** A raw call below the org's starcorp prefix, e.g. `call(user, 'GET', '/ranks')`. */
  call(
    who: Caller,
    method: string,
    path: string,
    opts?: { body?: unknown; query?: Record<string, unknown> },
  ): Promise<HttpResult>;
  /** Like `call`, and expects a 2xx: returns the body. */
  ok(
    who: Caller,
    method: string,
    path: string,
    opts?: { body?: unknown; query?: Record<string, unknown> },
  ): Promise<any>;
  /** Checks stranger/no-context 404, anonymous 401, lower tiers 403, scope-less bot 403. */
  forbidden(
    method: string,
    path: string,
    minTier: Tier,
    scopes: string[],
    opts?: { body?: unknown; allowed?: boolean },
  ): Promise<void>;
  /** The outbox events of a type recorded for the org. */
  events(type: string): Promise<{ subject_id: string | null; payload: Record<string, any> }[]>;
}

export async function createPeopleOrg(t: TestApp): Promise<PeopleOrg> {
  const org = await createTestOrg(t, { contexts: ['starcorp'] });
  const call: PeopleOrg['call'] = (who, method, path, opts = {}) =>
    http(t, who, method, `/api/v1/orgs/${org.slug}/starcorp${path}`, opts);
  return {
    t,
    org,
    call,
    async ok(who, method, path, opts) {
      const res = await call(who, method, path, opts);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    forbidden: (method, path, minTier, scopes, opts = {}) =>
      expectForbiddenPaths({
        org,
        context: 'starcorp',
        method,
        path,
        body: opts.body,
        scopes,
        minTier,
        allowed: opts.allowed,
      }),
    events: (type) =>
      t.db.query('SELECT subject_id, payload FROM outbox_events WHERE org_id = $1 AND type = $2 ORDER BY created_at', [
        org.id,
        type,
      ]),
  };
}

/** Expects a 400 validation problem naming `paths`. */
export function expectInvalid(res: HttpResult, paths: string[]): void {
  expect(res.status).toBe(400);
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(expect.arrayContaining(paths.sort()));
}

/** Expects a 409 with the slug. */
export function expectConflict(res: HttpResult, slug: string): void {
  expect({ status: res.status, type: res.body?.type }).toEqual({
    status: 409,
    type: expect.stringMatching(new RegExp(`/${slug}$`)),
  });
}
