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
 */
export function dataSourceDb(db: DataSource): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const runner = db.createQueryRunner('master');
      try {
        return await structured(runner, text, values);
      } finally {
        await runner.release();
      }
    },
  };
}

/** The caller's transaction: a job sent through it commits or rolls back with the business write. */
export function transactionDb(tx: EntityManager): PgBoss.Db {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('enqueue needs the EntityManager of an open transaction');
  return { executeSql: (text, values) => structured(runner, text, values) };
}
