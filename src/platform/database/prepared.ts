import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * Hot statements run as named (prepared) statements.
 *
 * Measured under load (bench/RESULTS.md): `DataSource.query` costs a query runner per call
 * (obtain, release, logging hooks), and Postgres parses and plans the statement on every call;
 * a named statement is parsed once per connection and skips TypeORM. The rows are the same
 * (TypeORM returns pg's rows unmapped for raw queries that are not UPDATE or DELETE).
 *
 * Outside a transaction the statement runs on the primary's pg pool. Inside one (pass the
 * transaction's manager) it runs on the transaction's connection, and a failure is thrown as
 * TypeORM's `QueryFailedError`, as `manager.query` would, so `pgCode` and the problem filter read
 * it alike. Drivers without pg's client (none today) fall back to `manager.query`.
 */
export function preparedQuery<T extends QueryResultRow>(
  db: DataSource | EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const manager = 'driver' in db ? db.manager : db;
  if (manager.queryRunner) return onTransactionConnection<T>(manager.queryRunner, name, text, values);
  const pool = (manager.connection.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.query !== 'function') return manager.query(text, values);
  return pool.query<T>({ name, text, values }).then((result) => result.rows);
}

interface PgClient {
  query<T extends QueryResultRow>(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult<T>>;
}

async function onTransactionConnection<T extends QueryResultRow>(
  runner: QueryRunner,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (runner.isReleased) return runner.query(text, values); // throws TypeORM's "already released"
  const client = (await runner.connect()) as Partial<PgClient> | undefined;
  if (typeof client?.query !== 'function') return runner.query(text, values);
  try {
    return (await client.query<T>({ name, text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
