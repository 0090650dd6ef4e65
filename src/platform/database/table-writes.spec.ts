import { SelfHealingPgClient } from './pg-client';
import { transactionBoundary, watchTableWrites, writeListenersOf } from './table-writes';

describe('table writes', () => {
  let calls: number;
  let unwatch: () => void;
  beforeEach(() => {
    calls = 0;
    unwatch = watchTableWrites(['users', 'api_keys'], () => calls++, { ignoredStatements: ['qm_touch_key'] });
  });
  afterEach(() => unwatch());

  it.each([
    'UPDATE "users" SET "disabled_at" = now() WHERE "id" = $1',
    'update users set email = $2 where id = $1',
    'DELETE FROM "api_keys" WHERE "id" = $1',
    'INSERT INTO "users"("username") VALUES ($1)',
    'TRUNCATE TABLE users CASCADE',
    'WITH d AS (SELECT 1) UPDATE public.users SET email = NULL',
    'UPDATE ONLY "public"."api_keys" SET revoked_at = now()',
    'WITH gone AS (DELETE FROM api_keys WHERE org_id = $1 RETURNING id) SELECT count(*) FROM gone',
  ])('sees a write to a watched table: %s', (sql) => {
    expect(writeListenersOf(sql, undefined)).toHaveLength(1);
  });

  it.each([
    'SELECT * FROM users WHERE id = $1',
    'UPDATE "users_archive" SET x = 1',
    'UPDATE dkp_users SET x = 1',
    'INSERT INTO "api_keys_log" VALUES (1)',
    'DELETE FROM memberships WHERE id = $1',
    // A plain SELECT writes nothing, whatever tables its text names (checked before the write pattern).
    '  select 1 from users where exists (select 1 from api_keys)',
  ])('ignores reads and other tables: %s', (sql) => {
    expect(writeListenersOf(sql, undefined)).toHaveLength(0);
  });

  it('ignores the statements named as not mattering', () => {
    expect(writeListenersOf('UPDATE api_keys SET last_used_at = now() WHERE id = $1', 'qm_touch_key')).toHaveLength(0);
  });

  it('tells transaction boundaries', () => {
    expect(transactionBoundary('START TRANSACTION')).toBe('start');
    expect(transactionBoundary('BEGIN')).toBe('start');
    expect(transactionBoundary('COMMIT')).toBe('end');
    expect(transactionBoundary('ROLLBACK')).toBe('end');
    expect(transactionBoundary('ROLLBACK TO SAVEPOINT typeorm_1')).toBeUndefined();
    expect(transactionBoundary('SELECT 1')).toBeUndefined();
  });

  /** A client whose underlying query answers at once, without a server. */
  function offlineClient(): SelfHealingPgClient {
    const proto = Object.getPrototypeOf(SelfHealingPgClient.prototype) as { query: unknown };
    const original = proto.query;
    proto.query = () => Promise.resolve({ rows: [] });
    try {
      return new SelfHealingPgClient({});
    } finally {
      proto.query = original;
    }
  }

  it('calls the listener when a write is sent, when it completes, and when its transaction ends', async () => {
    const client = offlineClient();
    await client.query('START TRANSACTION');
    expect(calls).toBe(0);
    const write = client.query('UPDATE users SET email = NULL');
    expect(calls).toBe(1); // sent
    await write;
    expect(calls).toBe(2); // completed
    await client.query('SELECT 1');
    expect(calls).toBe(2);
    await client.query('COMMIT');
    expect(calls).toBe(3); // committed: visible to every connection now
    // Another transaction without a watched write ends without a call.
    await client.query('START TRANSACTION');
    await client.query('COMMIT');
    expect(calls).toBe(3);
  });

  it('does not hold autocommit writes over to a later transaction', async () => {
    const client = offlineClient();
    await client.query('UPDATE users SET email = NULL');
    expect(calls).toBe(2);
    await client.query('BEGIN');
    await client.query('COMMIT');
    expect(calls).toBe(2);
  });
});
