import type { Pool, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Hot read statements run as named (prepared) statements on the primary's pg pool.
 *
 * Measured under load (bench/RESULTS.md): `DataSource.query` costs a query runner per call
 * (obtain, release, logging hooks), and Postgres parses and plans the statement on every call;
 * a named statement is parsed once per connection and skips TypeORM. The rows are the same
 * (TypeORM returns pg's rows unmapped for raw queries).
 *
 * Inside a transaction the statement must run on the transaction's connection: pass its manager
 * and the statement goes through it unchanged.
 */
export function preparedQuery<T extends QueryResultRow>(
  db: DataSource | EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const manager = 'driver' in db ? db.manager : db;
  if (manager.queryRunner) return manager.query(text, values);
  const pool = (manager.connection.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.query !== 'function') return manager.query(text, values);
  return pool.query<T>({ name, text, values }).then((result) => result.rows);
}
