import { unwrap } from '@quartermaster/sdk';
import { startTestApp, TestApp, unique } from '../support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * TRUST_PROXY and per-account login throttling (issue 9, item 4). Raw fetch: the tests send
 * X-Forwarded-For and read Retry-After, which the SDK does not expose.
 */
describe('client IP and login throttling (e2e)', () => {
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const t = await startTestApp(env);
    apps.push(t);
    return t;
  };
  afterAll(() => Promise.all(apps.map((t) => t.close())));

  const health = (t: TestApp, forwardedFor: string) =>
    fetch(`${t.baseUrl}/api/v1/health/live`, { headers: { 'x-forwarded-for': forwardedFor } });

  const login = (t: TestApp, username: string, password: string, forwardedFor?: string) =>
    fetch(`${t.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      body: JSON.stringify({ username, password }),
    });

  describe('TRUST_PROXY', () => {
    it('off (the default): a rotating X-Forwarded-For does not bypass the per-IP limit', async () => {
      const t = await start({ RATE_LIMIT_PER_MINUTE: '5', REDIS_URL: '' });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await health(t, `203.0.113.${i + 1}`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    });

    it('on for a proxy address: the forwarded client IP is the one counted', async () => {
      const t = await start({ RATE_LIMIT_PER_MINUTE: '5', REDIS_URL: '', TRUST_PROXY: '127.0.0.1' });
      for (let i = 0; i < 5; i++) expect((await health(t, '198.51.100.1')).status).toBe(200);
      expect((await health(t, '198.51.100.1')).status).toBe(429);
      expect((await health(t, '198.51.100.2')).status).toBe(200);
    });

    it('on for a hop count', async () => {
      const t = await start({ RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: '', TRUST_PROXY: '1' });
      const statuses = [];
      for (const ip of ['192.0.2.1', '192.0.2.1', '192.0.2.1', '192.0.2.2'])
        statuses.push((await health(t, ip)).status);
      expect(statuses).toEqual([200, 200, 429, 200]);
    });
  });

  for (const [store, redis] of [
    ['in memory', ''],
    ['in Redis', REDIS_URL],
  ] as const) {
    describe(`login throttling (${store})`, () => {
      let strict: TestApp;
      let quick: TestApp;
      let patient: TestApp;
      beforeAll(async () => {
        // One after another: on DATABASE_URL they share a database and its migrations.
        strict = await start({ REDIS_URL: redis });
        // Short locks, to see one expire: every other test keeps the default minute-long lock, so
        // that a slow machine (a login can take a second there) never sees a lock run out mid-test.
        quick = await start({
          REDIS_URL: redis,
          TRUST_PROXY: '127.0.0.1',
          LOGIN_LOCK_SECONDS: '3',
          LOGIN_LOCK_MAX_SECONDS: '6',
        });
        patient = await start({ REDIS_URL: redis, TRUST_PROXY: '127.0.0.1', LOGIN_ACCOUNT_MAX_FAILURES: '8' });
      });

      it('throttles 660 wrong passwords (20 at a time): 5 are checked, the rest 429 with Retry-After', async () => {
        const user = await register(strict, 'guess');
        const statuses = new Map<number, number>();
        let lastLocked: Response | undefined;
        const started = Date.now();
        for (let batch = 0; batch < 33; batch++) {
          const answers = await Promise.all(
            Array.from({ length: 20 }, () => login(strict, user.username, 'wrong-password-guess')),
          );
          for (const answer of answers) {
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (answer.status === 429) lastLocked = answer;
          }
        }
        const elapsedMs = Date.now() - started;
        expect(Object.fromEntries(statuses)).toEqual({ 401: 5, 429: 655 });
        expect(lastLocked!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const retryAfter = Number(lastLocked!.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(await lastLocked!.json()).toMatchObject({
          status: 429,
          type: expect.stringMatching(/login-locked$/),
          retryAfter,
        });
        // The right password during the lock is refused too: a 429 reveals nothing about it.
        expect((await login(strict, user.username, user.password)).status).toBe(429);
        // An unknown account is throttled alike, so a lock does not reveal which names exist.
        const ghost = `ghost-${user.username}`.slice(0, 32);
        const ghostStatuses = [];
        for (let i = 0; i < 6; i++) ghostStatuses.push((await login(strict, ghost, 'wrong-password-guess')).status);
        expect(ghostStatuses).toEqual([401, 401, 401, 401, 401, 429]);
        console.log(
          `[login-throttle ${store}] 660 wrong passwords in ${elapsedMs} ms: ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
      });

      it('the right password works once the lock expires, and a success clears the count', async () => {
        const user = await register(quick, 'expiry');
        const ip = '198.51.100.10';
        for (let i = 0; i < 5; i++)
          expect((await login(quick, user.username, 'wrong-password-guess', ip)).status).toBe(401);
        const lockedAt = Date.now();
        const locked = await login(quick, user.username, user.password, ip);
        expect(locked.status).toBe(429);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(3);
        const ok = await pollUntil(
          () => login(quick, user.username, user.password, ip),
          (r) => r.status === 200,
          60_000,
        );
        const lockMs = Date.now() - lockedAt;
        expect(ok.status).toBe(200);
        expect(await ok.json()).toEqual(expect.objectContaining({ accessToken: expect.any(String) }));
        // Cleared: four more mistakes are plain 401s again.
        for (let i = 0; i < 4; i++)
          expect((await login(quick, user.username, 'wrong-password-guess', ip)).status).toBe(401);
        console.log(`[login-throttle ${store}] right password accepted ${lockMs} ms after a 3 s lock`);
      });

      it('an attacker locks only their own IP, not the user elsewhere', async () => {
        const user = await register(patient, 'victim');
        for (let i = 0; i < 5; i++) await login(patient, user.username, 'wrong-password-guess', '203.0.113.50');
        expect((await login(patient, user.username, user.password, '203.0.113.50')).status).toBe(429);
        expect((await login(patient, user.username, user.password, '198.51.100.20')).status).toBe(200);
      });

      it('guesses spread over many IPs hit the account-wide cap, which spares IPs that logged in before', async () => {
        const user = await register(patient, 'spread');
        const home = '198.51.100.30';
        expect((await login(patient, user.username, user.password, home)).status).toBe(200);
        const statuses = [];
        for (let i = 0; i < 10; i++) {
          statuses.push((await login(patient, user.username, 'wrong-password-guess', `203.0.113.${100 + i}`)).status);
        }
        // LOGIN_ACCOUNT_MAX_FAILURES=8 here: eight guesses are checked, then new IPs wait.
        expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
        expect((await login(patient, user.username, user.password, '203.0.113.200')).status).toBe(429);
        expect((await login(patient, user.username, user.password, home)).status).toBe(200);
      });
    });
  }
});

/** A registered account, without logging in through it (see the note in beforeAll). */
async function register(t: TestApp, prefix: string): Promise<{ username: string; password: string }> {
  const username = unique(prefix).slice(0, 32);
  const password = 'correct-horse-battery';
  await unwrap(t.anonymous.POST('/api/v1/auth/register', { body: { username, password } }));
  return { username, password };
}

async function pollUntil(
  call: () => Promise<Response>,
  done: (r: Response) => boolean,
  timeoutMs = 10_000,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await call();
    if (done(response) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
