import { AppConfig } from '../../src/platform/config/app-config';
import { DomainEvents } from '../../src/platform/events/domain-events';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { JobsRepository } from '../../src/platform/jobs/jobs.repository';
import { http } from '../support/http';
import { createOrg, registerUser, startTestApp, TestApp, TestUser, unique } from '../support/test-app';

/** Seconds from the database's now() to a job's start_after. */
async function secondsUntilStart(t: TestApp, id: string): Promise<number> {
  const [row] = await t.db.query(
    'SELECT extract(epoch FROM start_after - now())::float AS s FROM pgboss.job WHERE id = $1',
    [id],
  );
  return row.s;
}

async function stateOf(t: TestApp, id: string): Promise<string | undefined> {
  const [row] = await t.db.query('SELECT state::text AS state FROM pgboss.job WHERE id = $1', [id]);
  return row?.state;
}

/** The backoff has passed: what a test cannot wait for, it moves (only start_after). */
async function makeDue(t: TestApp, id: string): Promise<void> {
  await t.db.query(`UPDATE pgboss.job SET start_after = now() - interval '1 second' WHERE id = $1`, [id]);
}

describe('durable jobs (e2e)', () => {
  let t: TestApp;
  let jobs: JobQueue;
  let admin: TestUser;
  let member: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    jobs = t.app.get(JobQueue);
    admin = await registerUser(t, 'jobadm');
    member = await registerUser(t, 'jobusr');
    await t.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [admin.id]);
  });
  afterAll(() => t.close());

  it('retries a failing job with growing backoff, then holds it dead until an admin retries it', async () => {
    const queue = unique('test.flaky');
    let failing = true;
    const effects: string[] = [];
    jobs.define<{ note: string }>({
      queue,
      retryLimit: 2,
      retryDelaySeconds: 60,
      handler: async ({ note }) => {
        if (failing) throw new Error('receiver down');
        effects.push(note);
      },
    });
    await jobs.ready(queue);
    const id = await t.db.transaction((tx) => jobs.enqueue(tx, queue, { note: 'hello' }));

    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 1 });
    expect(await stateOf(t, id)).toBe('retry');
    // Exponential backoff with jitter: [d, 2d] after the first failure, [2d, 4d] after the second.
    const first = await secondsUntilStart(t, id);
    expect(first).toBeGreaterThan(55);
    expect(first).toBeLessThanOrEqual(120);
    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 0 });

    await makeDue(t, id);
    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 1 });
    const second = await secondsUntilStart(t, id);
    expect(second).toBeGreaterThan(115);
    expect(second).toBeLessThanOrEqual(240);

    await makeDue(t, id);
    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 1 });
    expect(await stateOf(t, id)).toBe('failed');

    const overview = await http(t, admin, 'GET', '/api/v1/admin/jobs');
    expect(overview.status).toBe(200);
    expect(overview.body.queues).toContainEqual({ queue, queued: 0, active: 0, failed: 1 });
    expect(overview.body.failed).toContainEqual(
      expect.objectContaining({ id, queue, attempts: 3, error: 'receiver down', payload: { note: 'hello' } }),
    );

    failing = false;
    const retried = await http(t, admin, 'POST', `/api/v1/admin/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.queues).toContainEqual({ queue, queued: 1, active: 0, failed: 0 });
    await makeDue(t, id);
    expect(await jobs.drain([queue])).toEqual({ completed: 1, failed: 0 });
    expect(effects).toEqual(['hello']);
    expect(await stateOf(t, id)).toBe('completed');
    // Retried once: a second retry of the same id finds no dead job.
    expect((await http(t, admin, 'POST', `/api/v1/admin/jobs/${id}/retry`)).status).toBe(404);
  });

  it("runs a dead job's onDead once, with the last attempt's error, and never while retries are left", async () => {
    const queue = unique('test.dying');
    const dead: { note: string; error: string }[] = [];
    let attempts = 0;
    jobs.define<{ note: string }>({
      queue,
      retryLimit: 1,
      retryDelaySeconds: 60,
      handler: async () => {
        attempts += 1;
        throw new Error(`attempt ${attempts} failed`);
      },
      onDead: async ({ note }, error) => void dead.push({ note, error: error.message }),
    });
    await jobs.ready(queue);
    const id = await t.db.transaction((tx) => jobs.enqueue(tx, queue, { note: 'settle me' }));
    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 1 });
    expect(await stateOf(t, id)).toBe('retry');
    expect(dead).toEqual([]);
    await makeDue(t, id);
    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 1 });
    expect(await stateOf(t, id)).toBe('failed');
    expect(dead).toEqual([{ note: 'settle me', error: 'attempt 2 failed' }]);
  });

  it('a failing onDead is logged; the job is dead all the same', async () => {
    const queue = unique('test.dying-hook');
    jobs.define<{ note: string }>({
      queue,
      retryLimit: 0,
      handler: async () => {
        throw new Error('down');
      },
      onDead: async () => {
        throw new Error('the hook failed too');
      },
    });
    await jobs.ready(queue);
    const id = await t.db.transaction((tx) => jobs.enqueue(tx, queue, { note: 'x' }));
    expect(await jobs.drain([queue])).toEqual({ completed: 0, failed: 1 });
    expect(await stateOf(t, id)).toBe('failed');
  });

  it('shows the queues to platform admins only', async () => {
    expect((await http(t, member, 'GET', '/api/v1/admin/jobs')).status).toBe(403);
    expect((await http(t, null, 'GET', '/api/v1/admin/jobs')).status).toBe(401);
    const someId = '00000000-0000-4000-8000-000000000000';
    expect((await http(t, member, 'POST', `/api/v1/admin/jobs/${someId}/retry`)).status).toBe(403);
    expect((await http(t, admin, 'POST', `/api/v1/admin/jobs/${someId}/retry`)).status).toBe(404);
    expect((await http(t, admin, 'POST', '/api/v1/admin/jobs/not-a-uuid/retry')).status).toBe(400);
    const overview = await http(t, admin, 'GET', '/api/v1/admin/jobs');
    const names = overview.body.queues.map((q: { queue: string }) => q.queue);
    expect(names).toEqual(expect.arrayContaining(['dkp.decay', 'dkp.application-votes-close', 'platform.retention']));
  });

  it('queues a job with its business write: both commit, or neither', async () => {
    const owner = await registerUser(t, 'jobtx');
    const org = await createOrg(owner);
    const queue = unique('test.tx');
    const ran: string[] = [];
    jobs.define<{ type: string }>({ queue, handler: async ({ type }) => void ran.push(type) });
    await jobs.ready(queue);
    const events = t.app.get(DomainEvents);
    const writeWithJob = (type: string, fail: boolean, jobType = type) =>
      t.db.transaction(async (tx) => {
        await events.record(tx, { orgId: org.id, type, payload: {} });
        await jobs.enqueue(tx, queue, { type: jobType });
        if (fail) throw new Error('business rule refused');
      });
    const written = async (type: string) =>
      Number(
        (await t.db.query('SELECT count(*) AS n FROM outbox_events WHERE org_id = $1 AND type = $2', [org.id, type]))[0]
          .n,
      );

    // Rolled back after the enqueue: no write, and the job never runs.
    await expect(writeWithJob('test.rolled-back', true)).rejects.toThrow('business rule refused');
    expect(await written('test.rolled-back')).toBe(0);
    // Committed: both.
    await writeWithJob('test.committed', false);
    expect(await written('test.committed')).toBe(1);
    // The database refuses the job (jsonb cannot hold a NUL): the write is rolled back with it.
    await expect(writeWithJob('test.job-refused', false, 'nul \u0000')).rejects.toThrow();
    expect(await written('test.job-refused')).toBe(0);

    expect(await jobs.drain([queue])).toEqual({ completed: 1, failed: 0 });
    expect(ran).toEqual(['test.committed']);
  });

  it('queues each cron period once across two instances, in the schedule time zone', async () => {
    // On a server: a second app on the same database. Embedded (one process, one connection): a
    // second queue (its own pg-boss) on the same database, which is what a second instance adds.
    const second = process.env.DATABASE_URL ? await startTestApp() : undefined;
    const other = second?.app.get(JobQueue) ?? new JobQueue(t.app.get(AppConfig), t.db, t.app.get(JobsRepository));
    try {
      const queue = unique('test.daily');
      const runs: string[] = [];
      for (const instance of [jobs, other])
        instance.define<{ period: string }>({
          queue,
          schedule: { cron: '0 8 * * *', tz: 'Europe/Berlin' },
          handler: async ({ period }) => void runs.push(period),
        });
      await Promise.all([jobs.ready(queue), other.ready(queue)]);
      const due = async (iso: string) => {
        const claims = await Promise.all([jobs.runDue(new Date(iso)), other.runDue(new Date(iso))]);
        return claims.flat().filter((name) => name === queue).length;
      };
      expect(await due('2030-01-15T07:30:00Z')).toBe(1); // 08:30 in Berlin (CET)
      expect(await due('2030-01-15T20:00:00Z')).toBe(0); // same period, later check
      expect(await due('2030-07-16T06:05:00Z')).toBe(1); // 08:05 CEST, a new period
      await Promise.all([jobs.drain([queue]), other.drain([queue])]);
      expect(runs.sort()).toEqual(['2030-01-15T07:00:00.000Z', '2030-07-16T06:00:00.000Z']);
    } finally {
      if (second) await second.close();
      else await other.onModuleDestroy();
    }
  });

  it('reports the queue in readiness', async () => {
    const ready = await http(t, null, 'GET', '/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.jobs).toEqual({ status: 'up', queued: expect.any(Number) });
  });
});
