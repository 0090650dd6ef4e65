import { unwrap } from '@quartermaster/sdk';
import { startTestApp, TestApp, TestUser, unique } from '../support/test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Five requests a minute per credential. Users are registered on a roomy app so that
 * registration itself does not use up the small budget; every app shares the database, and
 * the Redis-backed ones share their counters.
 */
describe('rate limits (e2e)', () => {
  let setup: TestApp;
  let local: TestApp;
  let redisA: TestApp;
  let redisB: TestApp;
  beforeAll(async () => {
    // One after another: on DATABASE_URL they share a database and its migrations.
    setup = await startTestApp();
    local = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5', REDIS_URL: '' });
    redisA = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5', REDIS_URL });
    redisB = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5', REDIS_URL });
  });
  afterAll(() => Promise.all([setup, local, redisA, redisB].filter(Boolean).map((t) => t.close())));

  const me = (t: TestApp, user: TestUser) => t.as(user.token).GET('/api/v1/me');

  /**
   * A user registered on the roomy app and copied into the database of every app: each embedded
   * database is its own (on DATABASE_URL they are one and the copy is a no-op). Login tokens are
   * signed with the same secret everywhere, so the token works on every app.
   */
  async function user(): Promise<TestUser> {
    const username = unique('rl').slice(0, 32);
    const password = 'correct-horse-battery';
    const tokens = await unwrap(setup.anonymous.POST('/api/v1/auth/register', { body: { username, password } }));
    const [row] = (await setup.db.query('SELECT * FROM users WHERE username = $1', [username])) as Record<
      string,
      unknown
    >[];
    // The access token names its session (refresh-token family), which must be open where it is checked.
    const sessions = (await setup.db.query('SELECT * FROM refresh_tokens WHERE user_id = $1', [row.id])) as Record<
      string,
      unknown
    >[];
    for (const t of [local, redisA, redisB]) {
      await copyRows(t, 'users', [row]);
      await copyRows(t, 'refresh_tokens', sessions);
    }
    return {
      id: row.id as string,
      username,
      password,
      token: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      api: setup.as(tokens.accessToken),
    };
  }

  async function copyRows(t: TestApp, table: string, rows: Record<string, unknown>[]): Promise<void> {
    for (const row of rows) {
      const columns = Object.keys(row);
      await t.db.query(
        `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
        columns.map((c) => row[c]),
      );
    }
  }

  for (const [name, app] of [
    ['in memory', () => local],
    ['in Redis', () => redisA],
  ] as const) {
    it(`answers the 6th request of a user within a minute with 429 (${name})`, async () => {
      const t = app();
      const [alice, bob] = [await user(), await user()];
      for (let i = 0; i < 5; i++) expect((await me(t, alice)).response.status).toBe(200);
      const limited = await me(t, alice);
      expect(limited.response.status).toBe(429);
      expect(limited.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.error).toEqual(
        expect.objectContaining({
          status: 429,
          type: expect.stringMatching(/rate-limited$/),
          requestId: limited.response.headers.get('x-request-id'),
        }),
      );
      // Another user has a budget of their own.
      expect((await unwrap(me(t, bob))).id).toBe(bob.id);
    });
  }

  it('shares counters between instances through Redis', async () => {
    const carol = await user();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await me(redisA, carol)).response.status);
    for (let i = 0; i < 3; i++) statuses.push((await me(redisB, carol)).response.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // And once limited on one instance, the other refuses too.
    expect((await me(redisA, carol)).response.status).toBe(429);
  });

  it('keeps in-memory counters per instance', async () => {
    const carol = await user();
    for (let i = 0; i < 5; i++) expect((await me(local, carol)).response.status).toBe(200);
    expect((await me(local, carol)).response.status).toBe(429);
    expect((await me(setup, carol)).response.status).toBe(200);
  });

  it('limits anonymous callers per IP', async () => {
    // All anonymous calls of this file share 127.0.0.1 on `local`, so use it only here.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${local.baseUrl}/api/v1/health/live`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
