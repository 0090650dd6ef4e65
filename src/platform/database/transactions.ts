import { DataSource, EntityManager } from 'typeorm';
import { claimToConfirm, confirmClaim, insideTransaction } from '../http/idempotency-claim';
import { PG_DEADLOCK, PG_SERIALIZATION_FAILURE, pgCode } from './pg-errors';

const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in a transaction and retries it when Postgres aborts it for a deadlock or a
 * serialization failure: both mean "another transaction won, try again", not a client error.
 *
 * In a request sent with an Idempotency-Key, each of the request's outermost transactions also
 * confirms the key's claim (see `confirmClaim`): its result is stored on the key in the same
 * commit as its effect. So a crash never leaves an effect that a retry would run again, nor a key
 * stranded without its effect. A transaction on another database than the key's (the separate
 * communications store) passes `confirmClaim: false`: the key then stores the response once the
 * handler is done, as the interceptor does for handlers without transactions.
 */
export async function withTransaction<T>(
  db: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  options: { confirmClaim?: boolean } = {},
): Promise<T> {
  const claim = options.confirmClaim === false ? undefined : claimToConfirm();
  const run = claim ? (tx: EntityManager) => confirmClaim(tx, claim, work) : work;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await insideTransaction(() => db.transaction(run));
      // Counted only once committed: a retried (rolled back) attempt is the same step again.
      if (claim) claim.step++;
      return result;
    } catch (error) {
      const code = pgCode(error);
      if (attempt >= MAX_ATTEMPTS || (code !== PG_DEADLOCK && code !== PG_SERIALIZATION_FAILURE)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
