import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../src/platform/database/data-dir-lock';
import { embeddedTemplate } from '../support/embedded-template';
import { buildIfStale, freePort, runUntilExit, startUntilReady, stopApi } from '../support/spawned-api';
import { startTestApp } from '../support/test-app';

/**
 * How the API starts and fails to start (issue 9, item 9), on the built app (`node dist/main.js`):
 * a second process on the same embedded data folder stops at once; a busy PORT, a bad DATABASE_URL
 * and bad configuration each say what is wrong in one line, without a stack trace and without a
 * secret's value; DOCS_ENABLED decides whether /docs is served. Durations are printed, not asserted
 * (the build and a loaded machine make them vary), beyond guards against a hang.
 */
jest.setTimeout(15 * 60_000);

const EXIT_GUARD_MS = 120_000;
const SECRET = 'pw-must-not-leak';
const STACK_FRAME = /^\s+at /m;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.warn(
    'process-hygiene.e2e-spec: the wrong-database and wrong-role cases are skipped: set DATABASE_URL to run them.',
  );
}

/** The in-memory embedded database from the run's migrated template: a fast start. */
const fastDatabase = () => ({
  QM_DATA_DIR: 'memory://',
  ...(embeddedTemplate() ? { QM_EMBEDDED_TEMPLATE: embeddedTemplate()! } : {}),
});

describe('process start-up and failures (built app)', () => {
  beforeAll(() => buildIfStale());

  it('never prints a secret in a configuration error', async () => {
    const result = await runUntilExit(
      { JWT_SECRET: SECRET, DISCORD_CLIENT_SECRET: SECRET, DATABASE_URL: `postgresql://qm:${SECRET}@db/qm`, PORT: 'x' },
      EXIT_GUARD_MS,
    );
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('JWT_SECRET: JWT_SECRET must be longer than or equal to 32 characters');
    expect(result.stderr).toContain('value hidden');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });

  it('says in one line that PORT is in use, and exits non-zero', async () => {
    const port = await freePort();
    const busy = await listen(port);
    try {
      const result = await runUntilExit({ PORT: String(port), ...fastDatabase() }, EXIT_GUARD_MS);
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`PORT ${port} is already in use`)]);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      console.log(`port in use: exit ${result.code} after ${result.ms} ms: ${result.stderr.trim()}`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('names the host and the reason when DATABASE_URL is wrong, without the password, and does not retry what cannot heal', async () => {
    const cases = [
      {
        name: 'unknown host',
        url: `postgresql://qm:${SECRET}@nonexistent.invalid:5432/qm`,
        expect: /nonexistent\.invalid:5432\/qm: the host name does not resolve \(DNS\)/,
      },
      ...(databaseUrl
        ? [
            {
              name: 'missing database',
              url: withPath(databaseUrl, '/qm_no_such_database', SECRET),
              expect: /qm_no_such_database: the database does not exist/,
            },
            {
              name: 'unknown role',
              url: withUser(databaseUrl, 'qm_no_such_role', SECRET),
              expect: /qm_no_such_role@.*: the server refused this user|authentication failed/,
            },
          ]
        : []),
    ];
    const results = await Promise.all(
      cases.map(async (c) => ({
        ...c,
        result: await runUntilExit({ PORT: String(await freePort()), DATABASE_URL: c.url }, EXIT_GUARD_MS),
      })),
    );
    for (const { name, result, expect: message } of results) {
      expect({ name, code: result.code }).toEqual({ name, code: 1 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      // No retries (each would log "Retrying (n)"), and the password is never printed.
      expect(result.stdout).not.toContain('Retrying');
      expect(result.stderr + result.stdout).not.toContain(SECRET);
      console.log(`${name}: exit ${result.code} after ${result.ms} ms: ${result.stderr.trim()}`);
    }
  });

  it('stops a second process on the same embedded data folder, and takes over the lock of a killed one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qm-lock-'));
    const lockFile = join(dataDir, LOCK_FILE);
    try {
      const first = await startUntilReady({ PORT: String(await freePort()), QM_DATA_DIR: dataDir });
      expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(first.pid));

      const second = await runUntilExit({ PORT: String(await freePort()), QM_DATA_DIR: dataDir }, EXIT_GUARD_MS);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by another Quartermaster process (pid ${first.pid}`);
      expect(second.stderr).not.toMatch(STACK_FRAME);
      console.log(`second instance: exit ${second.code} after ${second.ms} ms: ${second.stderr.trim()}`);

      // kill -9 leaves the lock behind; the next start sees its pid is gone and takes it over.
      await stopApi(first, 'SIGKILL');
      expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(first.pid));
      const third = await startUntilReady({ PORT: String(await freePort()), QM_DATA_DIR: dataDir });
      expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(third.pid));
      // A clean shutdown removes it.
      await stopApi(third, 'SIGTERM');
      expect(existsSync(lockFile)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('DOCS_ENABLED', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
  const docsStatus = async (env: Record<string, string>) => {
    const t = await startTestApp(env);
    try {
      const ui = await fetch(`${t.baseUrl}/docs`);
      const spec = await fetch(`${t.baseUrl}/docs/openapi.json`);
      return [ui.status, spec.status];
    } finally {
      await t.close();
    }
  };

  it('serves the docs outside production, hides them in production, and follows the setting', async () => {
    expect(await docsStatus({})).toEqual([200, 200]);
    expect(await docsStatus(production)).toEqual([404, 404]);
    expect(await docsStatus({ ...production, DOCS_ENABLED: 'true' })).toEqual([200, 200]);
    expect(await docsStatus({ DOCS_ENABLED: 'false' })).toEqual([404, 404]);
  });
});

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function withPath(url: string, path: string, password: string): string {
  const parsed = new URL(url);
  parsed.pathname = path;
  parsed.password = password;
  return parsed.toString();
}

function withUser(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}
