import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../../platform/database/pg-errors';
import { withTransaction } from '../../../../platform/database/transactions';
import { Problem } from '../../../../platform/http/problem';

/** What a unique index stands for in a 409: the problem slug and the request field it names. */
export interface UniqueConflict {
  detail: string;
  slug: string;
  field: string;
}

/**
 * Base of the flight-ops repositories, the only classes holding the DataSource: services open
 * transactions through `transaction` and read through repository methods, so each aggregate's SQL
 * stays in its repository.
 */
export abstract class FlightOpsRepository {
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
 * Saves a row, turning a unique violation into a 409 that names the field, so clients can point at
 * it. The violation aborts the caller's transaction; the thrown 409 rolls it back.
 */
export async function saveNamingField<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  conflict: UniqueConflict,
): Promise<T> {
  try {
    return await tx.save(entity, row);
  } catch (error) {
    if (pgCode(error) === PG_UNIQUE_VIOLATION)
      throw Problem.conflict(conflict.detail, conflict.slug, { field: conflict.field });
    throw error;
  }
}

/** A 400 for one field, for rules class-validator cannot express (cross-field, org settings). */
export function fieldProblem(path: string, message: string): Problem {
  return Problem.validation([{ path, message }]);
}

/** Escapes LIKE wildcards so a search for "N1_" matches that text only. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
