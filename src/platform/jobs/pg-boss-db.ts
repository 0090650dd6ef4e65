import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type PgBoss from 'pg-boss';

type Rows = { rows: unknown[] };

async function structured(runner: QueryRunner, text: string, values?: unknown[]): Promise<Rows> {
  const result = await runner.query(text, values, true);
  return { rows: (result as { records?: unknown[] }).records ?? [] };
}

/**
 * pg-boss runs its SQL through the app's own pool rather than a pool of its own: the embedded
 * database (PGlite behind a socket server) accepts one connection, which TypeORM already holds.
 *
 * pg-boss does not await everything it starts: a worker's fetch can still be in flight when
 * `stop()` returns, and job completions are fired without waiting. `close()` therefore waits for
 * the statements in flight and, from then on, answers without touching the pool (which the app
 * closes next): a late fetch finds no job, and a late completion is dropped, so that job expires
 * and runs again later (handlers are idempotent).
 */
export class DataSourceBossDb implements PgBoss.Db {
  private closed = false;
  private readonly inFlight = new Set<Promise<Rows>>();

  constructor(private readonly db: DataSource) {}

  executeSql(text: string, values?: unknown[]): Promise<Rows> {
    if (this.closed) return Promise.resolve({ rows: [] });
    const statement = this.run(text, values);
    this.inFlight.add(statement);
    const forget = () => this.inFlight.delete(statement);
    statement.then(forget, forget);
    return statement;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(text: string, values?: unknown[]): Promise<Rows> {
    const runner = this.db.createQueryRunner('master');
    try {
      return await structured(runner, text, values);
    } finally {
      await runner.release();
    }
  }
}

/** The caller's transaction: a job sent through it commits or rolls back with the business write. */
export function transactionDb(tx: EntityManager): PgBoss.Db {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('enqueue needs the EntityManager of an open transaction');
  return { executeSql: (text, values) => structured(runner, text, values) };
}
