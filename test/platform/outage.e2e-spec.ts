import { connect } from 'node:net';
import { Client } from 'pg';
import { isDatabaseUnavailable } from '../../src/platform/database/pg-errors';
import { FaultProxy } from '../support/fault-proxy';
import { registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Outages behind a real TCP proxy (issue 9, item 5). While PostgreSQL refuses connections or
 * accepts them and never answers, requests answer 503 problem+json with Retry-After within a few
 * seconds (they used to answer 500 or hang for the whole outage), and the API recovers by itself
 * afterwards. While Redis never answers, requests still succeed quickly (rate limits count in
 * memory) and readiness reports Redis down, then up again once it answers.
 *
 * The PostgreSQL part needs DATABASE_URL (a real server; it creates and drops a scratch
 * database); the Redis part needs a Redis on 127.0.0.1:6379 (TEST_REDIS_URL to use another).
 * Latencies are printed; the only timing assertions are generous guards against a hang.
 */
jest.setTimeout(180_000);

const HANG_GUARD_MS = 12_000;
const RECOVERY_GUARD_MS = 30_000;

interface Timed {
  status: number;
  ms: number;
  retryAfter: string | null;
  type?: string;
}

async function timedGet(t: TestApp, path: string, token?: string): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(t.baseUrl + path, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      // Longer than any guard: a request that would hang shows up as status 0, not a stuck test.
      signal: AbortSignal.timeout(HANG_GUARD_MS * 2),
    });
    const body = (await response.json().catch(() => ({}))) as { type?: string };
    return {
      status: response.status,
      ms: Math.round(performance.now() - started),
      retryAfter: response.headers.get('retry-after'),
      type: body.type,
    };
  } catch {
    return { status: 0, ms: Math.round(performance.now() - started), retryAfter: null };
  }
}

/** Polls until `done`, returning the last answer and how long it took. */
async function waitFor(probe: () => Promise<Timed>, done: (r: Timed) => boolean, guardMs = RECOVERY_GUARD_MS) {
  const started = performance.now();
  let last = await probe();
  while (!done(last) && performance.now() - started < guardMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return { last, ms: Math.round(performance.now() - started) };
}

const summary = (results: Timed[]) =>
  `statuses ${[...new Set(results.map((r) => r.status))].join(',')}, ` +
  `latency median ${results.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(results.length / 2)]} ms, max ${Math.max(...results.map((r) => r.ms))} ms`;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.warn(
    'outage.e2e-spec: the PostgreSQL outage tests are skipped: set DATABASE_URL to a PostgreSQL server to run them.',
  );
}
const describeWithPostgres = databaseUrl ? describe : describe.skip;

describeWithPostgres('PostgreSQL outage behind a proxy (e2e)', () => {
  const scratch = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_outage`;
  let proxy: FaultProxy;
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${scratch}`);
    const server = new URL(databaseUrl!);
    proxy = new FaultProxy(server.hostname, Number(server.port || 5432));
    await proxy.start();
    const proxied = new URL(databaseUrl!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    proxied.pathname = `/${scratch}`;
    t = await startTestApp({
      DATABASE_URL: proxied.toString(),
      DATABASE_POOL_SIZE: '4',
      // Short timeouts so that the test takes seconds; production defaults are 15 s and 5 s.
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      // Every request must reach the database here: with the caller cache, GET /me would be
      // answered from memory until the cache noticed the outage (its LISTEN connection dropping).
      CALLER_CACHE_SECONDS: '0',
    });
    user = await registerUser(t, 'outage');
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
    await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  });

  const me = () => timedGet(t, '/api/v1/me', user.token);
  const burst = () => Promise.all(Array.from({ length: 10 }, me));
  const expectUnavailable = (results: Timed[]) => {
    for (const result of results) {
      expect(result).toEqual(
        expect.objectContaining({
          status: 503,
          retryAfter: expect.stringMatching(/^\d+$/),
          type: expect.stringMatching(/\/database-unavailable$/),
        }),
      );
      expect(result.ms).toBeLessThan(HANG_GUARD_MS);
    }
  };

  it('answers 503 with Retry-After while the server refuses connections, and recovers', async () => {
    expect((await me()).status).toBe(200);
    await proxy.set('refuse');
    const during = await burst();
    expectUnavailable(during);
    const ready = await timedGet(t, '/api/v1/health/ready');
    expect(ready.status).toBe(503);

    await proxy.set('forward');
    const recovery = await waitFor(me, (r) => r.status === 200);
    expect(recovery.last.status).toBe(200);
    console.log(
      `database refusing: 10 requests ${summary(during)}; 200 again ${recovery.ms} ms after the server came back`,
    );
  });

  it('answers 503 within seconds while the server accepts connections but never answers, and recovers', async () => {
    expect((await me()).status).toBe(200);
    await proxy.set('blackhole');
    const during = await burst();
    expectUnavailable(during);
    // A second wave: the pool has dropped the silent connections and tries new ones.
    const second = await burst();
    expectUnavailable(second);

    await proxy.set('forward');
    const recovery = await waitFor(me, (r) => r.status === 200);
    expect(recovery.last.status).toBe(200);
    const ready = await waitFor(
      () => timedGet(t, '/api/v1/health/ready'),
      (r) => r.status === 200,
    );
    expect(ready.last.status).toBe(200);
    console.log(
      `database silent: first 10 requests ${summary(during)}; next 10 ${summary(second)}; ` +
        `200 again ${recovery.ms} ms after the server came back`,
    );
  });

  it('cancels statements past DATABASE_STATEMENT_TIMEOUT_MS, which the API reports as 503', async () => {
    const started = performance.now();
    const error = await t.db.query('SELECT pg_sleep(10)').catch((e: unknown) => e);
    expect((error as { driverError?: { code?: string } }).driverError?.code).toBe('57014');
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect((await me()).status).toBe(200);
  });
});

describe('Redis outage behind a proxy (e2e)', () => {
  const redis = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  let proxy: FaultProxy;
  let t: TestApp;
  let user: TestUser;
  let available = false;

  beforeAll(async () => {
    available = await reachable(redis.hostname, Number(redis.port || 6379));
    if (!available) {
      console.warn(`outage.e2e-spec: the Redis outage test is skipped: no Redis at ${redis.host}.`);
      return;
    }
    proxy = new FaultProxy(redis.hostname, Number(redis.port || 6379));
    await proxy.start();
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    user = await registerUser(t, 'redis-outage');
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
  });

  const ready = () => timedGet(t, '/api/v1/health/ready');

  it('keeps answering quickly while Redis never answers, and readiness follows Redis down and up', async () => {
    if (!available) return;
    expect((await waitFor(ready, (r) => r.status === 200)).last.status).toBe(200);

    await proxy.set('blackhole');
    const during: Timed[] = [];
    for (let i = 0; i < 10; i++) during.push(await timedGet(t, '/api/v1/me', user.token));
    for (const result of during) {
      expect(result.status).toBe(200);
      expect(result.ms).toBeLessThan(HANG_GUARD_MS);
    }
    const down = await waitFor(ready, (r) => r.status === 503);
    expect(down.last.status).toBe(503);

    await proxy.set('forward');
    const up = await waitFor(ready, (r) => r.status === 200);
    expect(up.last.status).toBe(200);
    console.log(
      `redis silent: 10 requests ${summary(during)}; readiness 503 after ${down.ms} ms; ` +
        `ready again ${up.ms} ms after Redis came back`,
    );
  });
});

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
