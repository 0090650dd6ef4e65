import { DataSource, EntityManager } from 'typeorm';
import type { QueryResultRow } from 'pg';
import { preparedQuery } from './prepared';
import type { AuditService } from '../audit/audit.service';
import { GroupWork, TransactionGroups } from './transaction-groups';
import { withTransaction } from './transactions';

/**
 * Base of a context's repositories: the only classes that hold the DataSource. Services open their
 * transactions through `transaction` and read through the repository's own methods, so SQL and the
 * query builder stay in the repository of each aggregate. Each context names its own subclass.
 */
export abstract class TransactionalRepository {
  protected constructor(protected readonly db: DataSource) {}

  /** Runs `work` in a transaction, retried on deadlocks and serialization failures. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }

  /**
   * Transactions that run the concurrent calls on one key together (group commit for a hot row,
   * see `TransactionGroups`); make one per kind of work and keep it.
   */
  transactionGroups<I, R>(audit: AuditService, work: GroupWork<I, R>): TransactionGroups<I, R> {
    return new TransactionGroups(this.db, audit, work);
  }

  /** The manager to read with: the caller's transaction, or the default one. */
  protected managerOf(tx?: EntityManager): EntityManager {
    return tx ?? this.db.manager;
  }

  /**
   * A hot statement as a named (prepared) statement, in the caller's transaction or outside any:
   * parsed and planned once per connection instead of on every call (see `preparedQuery`). One
   * name per statement text.
   */
  protected prepared<T extends QueryResultRow>(
    tx: EntityManager | undefined,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    return preparedQuery<T>(tx ?? this.db, name, text, values);
  }
}
