import { createTestOrg, TestOrg } from '../support/org-kit';
import { Caller, http, HttpOptions, HttpResult } from '../support/http';
import { TestApp, TestUser } from '../support/test-app';

/**
 * The FBO test org: a user per tier, a `dispatcher` member (front desk), a plain member (line) and
 * raw calls below `/api/v1/orgs/{org}/fbo` (the SDK learns these routes when the integrator
 * regenerates it).
 */
export interface FboOrg {
  org: TestOrg;
  dispatcher: TestUser;
  /** A call below the org's fbo prefix. */
  call(who: Caller, method: string, path: string, opts?: HttpOptions): Promise<HttpResult>;
  /** A call that must succeed (2xx); returns the body. */
  ok(
    who: Caller,
    method: string,
    path: string,
    opts?: { body?: unknown; query?: Record<string, unknown> },
  ): Promise<any>;
}

export async function createFboOrg(t: TestApp): Promise<FboOrg> {
  const org = await createTestOrg(t, { contexts: ['fbo'] });
  const dispatcher = await org.addUser('member', ['dispatcher']);
  const call: FboOrg['call'] = (who, method, path, opts = {}) =>
    http(t, who, method, `/api/v1/orgs/${org.slug}/fbo${path}`, opts);
  const ok: FboOrg['ok'] = async (who, method, path, opts) => {
    const res = await call(who, method, path, opts);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return { org, dispatcher, call, ok };
}

/** Sets the org's airports and zone (as the owner), as most tests need a KMSO. */
export async function withAirports(
  f: FboOrg,
  airports = ['KMSO'],
  timeZone = 'America/Denver',
  tags: string[] = ['vip'],
) {
  return f.ok(f.org.owner, 'PATCH', '/settings', { body: { airports, timeZone, tags } });
}

/** Field paths of a 400 problem. */
export const errorPaths = (res: HttpResult): string[] => (res.body?.errors ?? []).map((e: { path: string }) => e.path);

/** The events of a type recorded for an org and subject, oldest first. */
export async function eventsOf(
  t: TestApp,
  orgId: string,
  type: string,
  subjectId: string,
): Promise<Record<string, unknown>[]> {
  const rows = await t.db.query(
    'SELECT payload FROM outbox_events WHERE org_id = $1 AND type = $2 AND subject_id = $3 ORDER BY created_at',
    [orgId, type, subjectId],
  );
  return rows.map((r: { payload: Record<string, unknown> }) => r.payload);
}

/** The audit actions recorded for a target, oldest first. */
export async function auditActions(t: TestApp, orgId: string, targetId: string): Promise<string[]> {
  const rows = await t.db.query(
    'SELECT action FROM audit_log WHERE org_id = $1 AND target_id = $2 ORDER BY created_at',
    [orgId, targetId],
  );
  return rows.map((r: { action: string }) => r.action);
}
