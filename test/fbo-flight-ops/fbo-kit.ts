import { ContextKit, createContextKit } from '../support/context-kit';
import { TestApp, TestUser } from '../support/test-app';

export { errorPaths } from '../support/context-kit';

/**
 * The FBO test org: the shared context kit below `/api/v1/orgs/{org}/fbo`, with a `dispatcher`
 * member (front desk) besides a user per tier.
 */
export interface FboOrg extends ContextKit {
  dispatcher: TestUser;
}

export async function createFboOrg(t: TestApp): Promise<FboOrg> {
  const kit = await createContextKit(t, 'fbo');
  return { ...kit, dispatcher: await kit.org.addUser('member', ['dispatcher']) };
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
