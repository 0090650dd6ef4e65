import { DataSource, EntityManager } from 'typeorm';
import { PG_DEADLOCK, PG_SERIALIZATION_FAILURE, pgCode } from './pg-errors';

const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in a transaction and retries it when Postgres aborts it for a deadlock or a
 * serialization failure: both mean "another transaction won, try again", not a client error.
 */
export async function withTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = pgCode(error);
      if (attempt >= MAX_ATTEMPTS || (code !== PG_DEADLOCK && code !== PG_SERIALIZATION_FAILURE)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
