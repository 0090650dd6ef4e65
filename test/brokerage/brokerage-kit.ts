import { createTestOrg, TestOrg } from '../support/org-kit';
import { Caller, http, HttpOptions, HttpResult } from '../support/http';
import { TestApp } from '../support/test-app';

/**
 * The brokerage tests' fixture: an org with the brokerage enabled, a user at every tier (the
 * member also holds `treasurer` in a second user), and raw calls below `/orgs/{org}/brokerage`.
 * Raw `http()` because the SDK does not know the brokerage routes until the integrator regenerates it.
 */
export interface Brokerage {
  org: TestOrg;
  t: TestApp;
  /** A raw call below the org's brokerage path. */
  call(who: Caller, method: string, path: string, opts?: HttpOptions): Promise<HttpResult>;
  /** A call expected to succeed (2xx); returns the body. */
  ok(who: Caller, method: string, path: string, opts?: HttpOptions): Promise<any>;
  /** A call expected to fail with `status` (and `slug`); returns the problem body. */
  fails(
    who: Caller,
    status: number,
    method: string,
    path: string,
    opts?: HttpOptions & { slug?: string },
  ): Promise<any>;
}

export async function createBrokerage(t: TestApp): Promise<Brokerage> {
  const org = await createTestOrg(t, { contexts: ['brokerage'] });
  return brokerageOf(t, org, org.slug);
}

/** The calls of a brokerage org, as any caller, against `slug` (another org's, to check 404s). */
export function brokerageOf(t: TestApp, org: TestOrg, slug: string): Brokerage {
  const call = (who: Caller, method: string, path: string, opts?: HttpOptions) =>
    http(t, who, method, `/api/v1/orgs/${slug}/brokerage${path}`, opts);
  return {
    org,
    t,
    call,
    async ok(who, method, path, opts) {
      const res = await call(who, method, path, opts);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async fails(who, status, method, path, opts) {
      const res = await call(who, method, path, opts);
      expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status });
      if (opts?.slug) expect(res.body.slug).toBe(opts.slug);
      return res.body;
    },
  };
}

/** The field paths of a 400's `errors[]`, each once. */
export const errorPaths = (problem: { errors?: { path: string }[] }): string[] => [
  ...new Set((problem.errors ?? []).map((e) => e.path)),
];

let counter = 0;
/** A name unique within the run. */
export const uniqueName = (prefix: string): string =>
  `${prefix} ${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
