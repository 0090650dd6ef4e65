import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createQuartermasterClient, QuartermasterClient, unwrap } from '@quartermaster/sdk';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { loadConfig } from '../../src/platform/config/app-config';
import { AppModule } from '../../src/app.module';
import { createApp } from '../../src/platform/http/create-app';
import { embeddedTemplate } from './embedded-template';

/**
 * Each jest worker gets its own database on the DATABASE_URL server, so parallel test files
 * never run migrations against the same schema at once. Tests use unique names, never cleanup.
 * `suffix` names another database of the worker (e.g. `comms`, a second data source's).
 */
export async function workerDatabaseUrl(baseUrl: string, suffix?: string): Promise<string> {
  // QM_TEST_DB_PREFIX lets two jest runs share one server without sharing databases.
  const worker = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_w${process.env.JEST_WORKER_ID ?? '1'}`;
  const name = suffix ? `${worker}_${suffix}` : worker;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    // Another process created it between our check and CREATE: fine.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  db: DataSource;
  /** A client with no credential. */
  anonymous: QuartermasterClient;
  /** A client with the given access token or API key. */
  as(credential: string | { apiKey: string }): QuartermasterClient;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL ? await workerDatabaseUrl(process.env.DATABASE_URL) : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    QM_DATA_DIR: 'memory://',
    RATE_LIMIT_PER_MINUTE: '100000',
    JOBS_ENABLED: 'false',
    // A busy CI machine can keep a pool connection waiting for seconds while tests fire 50
    // requests at once: the production 5 s would answer 503 database-unavailable there. The outage
    // tests set their own, short one.
    DATABASE_CONNECT_TIMEOUT_MS: '120000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    // The migrated template built once per run by test/global-setup.ts (embedded database only).
    ...(!databaseUrl && embeddedTemplate() ? { QM_EMBEDDED_TEMPLATE: embeddedTemplate() } : {}),
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    ...env,
  });
  const app = await createApp(AppModule, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const as = (credential: string | { apiKey: string }) =>
    createQuartermasterClient(
      typeof credential === 'string'
        ? { baseUrl, token: credential, retries: 0 }
        : { baseUrl, apiKey: credential.apiKey, retries: 0 },
    );
  return {
    app,
    baseUrl,
    db: app.get<DataSource>(getDataSourceToken()),
    anonymous: createQuartermasterClient({ baseUrl, retries: 0 }),
    as,
    close: () => app.close(),
  };
}

/** A short random suffix for names that must be unique across test runs on one database. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  refreshToken: string;
  api: QuartermasterClient;
}

/** Registers a fresh user and returns a client logged in as them. */
export async function registerUser(t: TestApp, prefix = 'user'): Promise<TestUser> {
  const username = unique(prefix).slice(0, 32);
  const password = 'correct-horse-battery';
  const tokens = await unwrap(t.anonymous.POST('/api/v1/auth/register', { body: { username, password } }));
  const api = t.as(tokens.accessToken);
  const me = await unwrap(api.GET('/api/v1/me'));
  return { id: me.id, username, password, token: tokens.accessToken, refreshToken: tokens.refreshToken, api };
}

/** Creates an org owned by `owner`, optionally with contexts enabled. */
export async function createOrg(owner: TestUser, contexts: string[] = []) {
  return unwrap(owner.api.POST('/api/v1/orgs', { body: { slug: unique('org'), name: 'Test Org', contexts } }));
}

/** Adds `user` to the org at `tier` (as the org's owner). */
export async function addMember(owner: TestUser, org: string, user: TestUser, tier: string, grants: string[] = []) {
  return unwrap(
    owner.api.POST('/api/v1/orgs/{org}/members', {
      params: { path: { org } },
      body: { userId: user.id, tier: tier as never, grants: grants as never },
    }),
  );
}

/** Awaits a call expected to fail and returns its status and problem body. */
export async function problemOf(
  call: Promise<{ error?: unknown; response: Response }>,
): Promise<{ status: number; body: Record<string, any> }> {
  const { error, response } = await call;
  if (response.ok) throw new Error(`expected an error, got ${response.status}`);
  return { status: response.status, body: error as Record<string, any> };
}
