import { DataSource, EntityManager } from 'typeorm';
import { withTransaction } from '../../../platform/database/transactions';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../platform/database/pg-errors';
import { Problem } from '../../../platform/http/problem';

/**
 * Base of the publishing repositories: the only classes that hold the DataSource. Services open
 * their transactions through `transaction`, so SQL stays in the repository of each aggregate.
 */
export abstract class PublishingRepository {
  protected constructor(protected readonly db: DataSource) {}

  /** Runs `work` in a transaction, retried on deadlocks and serialization failures. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }

  /** The manager to read with: the caller's transaction, or the default one. */
  protected managerOf(tx?: EntityManager): EntityManager {
    return tx ?? this.db.manager;
  }
}

/**
 * Runs a write whose only unique constraint is a per-org slug, turning a violation into the 409
 * `starcorp-slug-taken` that names the field (clients show it next to the input).
 */
export async function uniqueSlug<T>(what: string, slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgCode(error) === PG_UNIQUE_VIOLATION)
      throw Problem.conflict(`A ${what} with the slug "${slug}" exists`, 'starcorp-slug-taken', {
        field: 'slug',
        value: slug,
      });
    throw error;
  }
}
