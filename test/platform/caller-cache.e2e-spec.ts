import { Client } from 'pg';
import { CallerCache } from '../../src/platform/auth/caller-cache';
import { primaryPool } from '../../src/platform/auth/caller.queries';
import { http } from '../support/http';
import { createTestOrg, TestOrg } from '../support/org-kit';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The in-process caller cache (src/platform/auth/caller-cache.ts): lookups are served from memory,
 * yet every change to a caller holds from the next request. Writes of this process drop the cache
 * synchronously; writes of anyone else arrive by NOTIFY. It needs a Postgres server (LISTEN): on
 * the embedded database the cache is off and these tests are skipped.
 */
const describeOnServer = process.env.DATABASE_URL ? describe : describe.skip;
if (!process.env.DATABASE_URL) console.log('caller-cache.e2e-spec: skipped (the cache needs DATABASE_URL)');

/** Polls `check` until it holds: a notification from another connection arrives after its commit. */
async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describeOnServer('caller cache (e2e)', () => {
  let t: TestApp;
  let org: TestOrg;
  let cache: CallerCache;
  /** A connection of its own, as another API instance or an operator would write. */
  let foreign: Client;

  beforeAll(async () => {
    t = await startTestApp();
    cache = t.app.get(CallerCache);
    await eventually(() => cache.active, 'the cache listens');
    org = await createTestOrg(t, { contexts: [], tiers: ['admin', 'member'] });
    foreign = new Client({ connectionString: (t.db.options as { url: string }).url });
    await foreign.connect();
  });
  afterAll(async () => {
    await foreign?.end();
    await t?.close();
  });

  const orgPath = () => `/api/v1/orgs/${org.slug}`;

  it('serves a repeated lookup from memory', async () => {
    const admin = org.at('admin');
    expect((await http(t, admin, 'GET', orgPath())).status).toBe(200);
    const queries = jest.spyOn(primaryPool(t.db), 'query');
    try {
      for (let i = 0; i < 3; i++) expect((await http(t, admin, 'GET', orgPath())).status).toBe(200);
      const lookups = queries.mock.calls.filter(([query]) => (query as { name?: string }).name === 'qm_session_caller');
      expect(lookups).toHaveLength(0);
      expect(cache.active).toBe(true);
    } finally {
      queries.mockRestore();
    }
    // Without the cache the same requests do look the caller up: the spy sees them.
    const uncached = jest.spyOn(primaryPool(t.db), 'query');
    try {
      cache.invalidate();
      expect((await http(t, admin, 'GET', orgPath())).status).toBe(200);
      const lookups = uncached.mock.calls.filter(
        ([query]) => (query as { name?: string }).name === 'qm_session_caller',
      );
      expect(lookups).toHaveLength(1);
    } finally {
      uncached.mockRestore();
    }
  });

  it('applies a change written by this instance from the very next request', async () => {
    const admin = await org.addUser('admin');
    expect((await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status).toBe(200);
    await t.db.query('UPDATE memberships SET tier = $1 WHERE org_id = $2 AND user_id = $3', [
      'member',
      org.id,
      admin.id,
    ]);
    expect((await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status).toBe(403);
  });

  it('applies a change inside a transaction when it commits, not before', async () => {
    const admin = await org.addUser('admin');
    expect((await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status).toBe(200);
    await t.db.transaction(async (tx) => {
      await tx.query('UPDATE memberships SET tier = $1 WHERE org_id = $2 AND user_id = $3', [
        'member',
        org.id,
        admin.id,
      ]);
      // Not committed: other connections still see an admin, and so does the cache.
      expect((await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status).toBe(200);
    });
    expect((await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status).toBe(403);
  });

  it('hears changes written elsewhere (another instance, an operator) through NOTIFY', async () => {
    const key = await org.addBotKey(['org:read']);
    const asKey = { apiKey: key.key };
    expect((await http(t, asKey, 'GET', orgPath())).status).toBe(200);
    expect((await http(t, asKey, 'GET', orgPath())).status).toBe(200);
    await foreign.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [key.id]);
    await eventually(async () => (await http(t, asKey, 'GET', orgPath())).status === 401, 'the revoked key is refused');

    const member = org.at('member');
    expect((await http(t, member, 'GET', orgPath())).status).toBe(200);
    await foreign.query('UPDATE users SET disabled_at = now() WHERE id = $1', [member.id]);
    await eventually(
      async () => (await http(t, member, 'GET', orgPath())).status === 401,
      'the disabled user is refused',
    );
  });

  it('stops caching while its channel is down, and resumes when it is back', async () => {
    const admin = await org.addUser('admin');
    expect((await http(t, admin, 'GET', orgPath())).status).toBe(200);
    await foreign.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN qm_caller_changed' AND datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await eventually(() => !cache.active, 'the cache notices the lost channel');
    // Without the channel every request reads the database: a foreign change holds at once.
    await foreign.query('UPDATE memberships SET tier = $1 WHERE org_id = $2 AND user_id = $3', [
      'member',
      org.id,
      admin.id,
    ]);
    expect((await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status).toBe(403);
    await eventually(() => cache.active, 'the cache listens again');
    await foreign.query('UPDATE memberships SET tier = $1 WHERE org_id = $2 AND user_id = $3', [
      'admin',
      org.id,
      admin.id,
    ]);
    await eventually(
      async () => (await http(t, admin, 'GET', `${orgPath()}/audit-log`)).status === 200,
      'the restored tier is heard',
    );
  });
});
