import { DomainEvents } from '../../src/platform/events/domain-events';
import { RetentionJob } from '../../src/platform/jobs/retention.job';
import { createOrg, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

describe('retention job (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('purges expired idempotency records and old dispatched outbox events, and nothing else', async () => {
    const owner = await registerUser(t, 'ret');
    const org = await createOrg(owner);
    const scope = unique('user');
    await t.db.query(
      `INSERT INTO idempotency_records (scope, key, operation, request_hash, expires_at)
       VALUES ($1, 'old', 'POST /x', 'h', now() - interval '1 hour'), ($1, 'fresh', 'POST /x', 'h', now() + interval '1 hour')`,
      [scope],
    );
    const events = t.app.get(DomainEvents);
    await t.db.transaction(async (tx) => {
      for (const type of ['test.old', 'test.recent', 'test.undispatched'])
        await events.record(tx, { orgId: org.id, type, payload: {} });
    });
    await t.db.query(
      `UPDATE outbox_events SET dispatched_at = now() - interval '40 days' WHERE org_id = $1 AND type = 'test.old'`,
      [org.id],
    );
    await t.db.query(
      `UPDATE outbox_events SET dispatched_at = now() - interval '2 days' WHERE org_id = $1 AND type = 'test.recent'`,
      [org.id],
    );

    const purged = await t.app.get(RetentionJob).purge(new Date());
    expect(purged.idempotencyRecords).toBeGreaterThanOrEqual(1);
    expect(purged.outboxEvents).toBeGreaterThanOrEqual(1);
    const keys = (await t.db.query('SELECT key FROM idempotency_records WHERE scope = $1', [scope])).map(
      (r: { key: string }) => r.key,
    );
    expect(keys).toEqual(['fresh']);
    const left = (await t.db.query('SELECT type FROM outbox_events WHERE org_id = $1 ORDER BY type', [org.id])).map(
      (r: { type: string }) => r.type,
    );
    expect(left).toEqual(['test.recent', 'test.undispatched']);
  });
});
