import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { withTransaction } from '../../../platform/database/transactions';
import { isStillReferenced, PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../../platform/database/pg-errors';
import { Problem } from '../../../platform/http/problem';

/** Unique constraints of a table by name, and the request field each one guards (for the 409). */
export type UniqueFields = Readonly<Record<string, string>>;

/**
 * Base of the brokerage repositories: the only classes that hold the DataSource. Services open
 * transactions through `transaction` and reach tables only through a repository's methods.
 */
export abstract class BrokerageRepository {
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
 * Saves a row; a unique violation becomes 409 `duplicate-value` naming the field its constraint
 * guards, so a client knows which value to change without parsing the detail.
 */
export async function saveNamingField<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  what: string,
  fields: UniqueFields,
): Promise<T> {
  try {
    return await tx.save(entity, row);
  } catch (error) {
    if (pgCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    const field = fields[pgConstraint(error) ?? ''] ?? 'id';
    throw duplicate(what, field, (row as Record<string, unknown>)[field]);
  }
}

/** The 409 for a value another record of the org already has. */
export function duplicate(what: string, field: string, value: unknown): Problem {
  return Problem.conflict(`A ${what} with ${field} ${String(value)} exists`, 'duplicate-value', { field });
}

/** Deletes a row unless something still refers to it (then 409 `in-use`: archive it instead). */
export async function deleteUnlessInUse(run: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (isStillReferenced(error)) throw inUse(what);
    throw error;
  }
}

/** The 409 for deleting a record others refer to. */
export function inUse(what: string): Problem {
  return Problem.conflict(`The ${what} is in use; archive it instead`, 'in-use');
}
