import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQuartermasterClient, QuartermasterClient, unwrap } from '@quartermaster/sdk';
import { Client } from 'pg';
import { buildIfStale, freePort } from '../support/spawned-api';

/**
 * A crash during a burst of keyed writes must not lose or double an operation (issue 9, item 1).
 * The API runs as a real process (`node dist/main.js`); it is killed with SIGKILL while 50
 * concurrent adjustments with distinct Idempotency-Keys are in flight, restarted on the same
 * data, and every key is retried until it answers 2xx. Each key must then have exactly one
 * ledger entry, and its answer must be that entry. With IDEMPOTENCY_LEASE_SECONDS=2 the claims of
 * requests that died before committing lapse quickly, so retries take them over.
 *
 * Runs on the embedded database, and on PostgreSQL too when DATABASE_URL is set (a scratch
 * database created and dropped here). Builds dist/ first when it is older than src/.
 */
jest.setTimeout(15 * 60_000);

const ROOT = join(__dirname, '..', '..');
const KEYS = 50;
/** The API is killed once this many responses came back: mid-burst, with work still in flight. */
const KILL_AFTER_ANSWERS = 8;
const START_DEADLINE_MS = 240_000;
const RETRY_DEADLINE_MS = 180_000;

interface Target {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

interface Answer {
  status: number;
  entryId?: string;
  replayed?: boolean;
}

describe('idempotency keys across a crash (real process, kill -9)', () => {
  beforeAll(() => buildIfStale());

  it('gives every key exactly one effect and an answer on the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qm-idem-crash-'));
    await crashAndRetry({
      name: 'embedded',
      env: { QM_DATA_DIR: dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    });
  });

  const pgIt = process.env.DATABASE_URL ? it : it.skip;
  pgIt('gives every key exactly one effect and an answer on PostgreSQL', async () => {
    await crashAndRetry(await scratchDatabase(process.env.DATABASE_URL!));
  });
});

async function crashAndRetry(target: Target): Promise<void> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...target.env, PORT: String(port) };
  let api = await startApi(env, baseUrl);
  try {
    const { client, userId, poolId, org } = await setUp(baseUrl);
    const keys = Array.from({ length: KEYS }, () => randomUUID());
    const adjust = (key: string) =>
      client.POST('/api/v1/orgs/{org}/dkp/points/adjustments', {
        params: { path: { org } },
        body: { userId, poolId, amount: '1.00', reason: `crash ${key}` },
        headers: { 'Idempotency-Key': key },
      });

    // The burst: all 50 at once; the process dies after the first few answers.
    let answered = 0;
    const killed = new Promise<void>((resolve) => {
      const burst = keys.map((key) =>
        adjust(key)
          .then(() => {
            if (++answered === KILL_AFTER_ANSWERS) resolve();
          })
          .catch(() => undefined),
      );
      void Promise.all(burst).then(() => resolve());
    });
    await killed;
    await kill(api);
    const answeredBeforeKill = answered;

    api = await startApi(env, baseUrl);
    const committedAtKill = (await adjustmentsByKey(client, org, userId, poolId)).size;
    const answers = await Promise.all(keys.map((key) => retryUntilAnswered(() => adjust(key))));
    const entries = await adjustmentsByKey(client, org, userId, poolId);

    const unanswered = keys.filter((_, i) => answers[i].status >= 300);
    const lost = keys.filter((key) => !entries.get(key)?.length);
    const doubled = keys.filter((key) => (entries.get(key)?.length ?? 0) > 1);
    const wrongAnswer = keys.filter(
      (key, i) => answers[i].status < 300 && entries.get(key)?.[0] !== answers[i].entryId,
    );
    console.log(
      `[${target.name}] ${KEYS} keys, ${answeredBeforeKill} answered before kill -9, ${committedAtKill} committed; ` +
        `retries: ${answers.filter((a) => a.replayed).length} replayed; after restart: ` +
        `${unanswered.length} unanswered, ${lost.length} lost, ${doubled.length} doubled, ${wrongAnswer.length} answered with another entry`,
    );
    expect({ unanswered, lost, doubled, wrongAnswer }).toEqual({
      unanswered: [],
      lost: [],
      doubled: [],
      wrongAnswer: [],
    });
  } finally {
    await kill(api);
    await target.cleanup();
  }
}

/** A user, an org with dkp and a pool, through the API. */
async function setUp(
  baseUrl: string,
): Promise<{ client: QuartermasterClient; userId: string; poolId: string; org: string }> {
  const anonymous = createQuartermasterClient({ baseUrl, retries: 0 });
  const username = `crash${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const tokens = await unwrap(
    anonymous.POST('/api/v1/auth/register', { body: { username, password: 'correct-horse-battery' } }),
  );
  // Access tokens last 15 minutes by default, longer than this test.
  const client = createQuartermasterClient({ baseUrl, token: tokens.accessToken, retries: 0 });
  const me = await unwrap(client.GET('/api/v1/me'));
  const org = await unwrap(
    client.POST('/api/v1/orgs', {
      body: { slug: `crash-${randomUUID().slice(0, 8)}`, name: 'Crash', contexts: ['dkp'] },
    }),
  );
  const pool = await unwrap(
    client.POST('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: org.slug } }, body: { name: 'Main' } }),
  );
  return { client, userId: me.id, poolId: pool.id, org: org.slug };
}

/**
 * Retries one keyed request until it answers 2xx or the deadline passes. A 409 in progress says
 * when to come back (Retry-After); network errors mean the API is still starting.
 */
async function retryUntilAnswered(send: () => Promise<{ response: Response; data?: unknown }>): Promise<Answer> {
  const deadline = Date.now() + RETRY_DEADLINE_MS;
  let last: Answer = { status: 0 };
  while (Date.now() < deadline) {
    try {
      const { response, data } = await send();
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      last = { status: response.status, entryId: (data as { id?: string } | undefined)?.id, replayed };
      if (response.ok) return last;
      const retryAfter = Number(response.headers.get('retry-after') ?? '1');
      await pause(Math.min(retryAfter, 5) * 250);
    } catch {
      await pause(250);
    }
  }
  return last;
}

/** The adjustment entries of the user in the pool, grouped by the key in their reason. */
async function adjustmentsByKey(
  client: QuartermasterClient,
  org: string,
  userId: string,
  poolId: string,
): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      client.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}/history', {
        params: {
          path: { org, userId },
          query: { poolId, kind: 'adjustment', limit: 100, ...(cursor ? { cursor } : {}) },
        },
      }),
    );
    for (const entry of page.items) {
      const key = entry.reason.replace(/^crash /, '');
      byKey.set(key, [...(byKey.get(key) ?? []), entry.id]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return byKey;
}

// --- The process -------------------------------------------------------------------------------

function startApi(env: Record<string, string>, baseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    // A clean environment: the test runner's DATABASE_URL, template and NODE_OPTIONS stay out.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
      IDEMPOTENCY_LEASE_SECONDS: '2',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return waitUntilLive(child, baseUrl, () => stderr);
}

async function waitUntilLive(child: ChildProcess, baseUrl: string, stderr: () => string): Promise<ChildProcess> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${stderr()}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await pause(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not start within ${START_DEADLINE_MS} ms: ${stderr()}`);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function scratchDatabase(baseUrl: string): Promise<Target> {
  const name = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_crash`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name: 'postgresql',
    env: { DATABASE_URL: url.toString() },
    cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
