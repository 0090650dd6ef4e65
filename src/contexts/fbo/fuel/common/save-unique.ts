import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../../platform/database/pg-errors';
import { Problem } from '../../../../platform/http/problem';

export interface UniqueConflict {
  detail: string;
  slug: string;
  /** The request field that collided, sent as the problem's `field`. */
  field: string;
}

function constraintOf(error: unknown): string | undefined {
  const e = error as { constraint?: string; driverError?: { constraint?: string } };
  return e.constraint ?? e.driverError?.constraint;
}

/**
 * Saves a row, turning a unique-constraint violation into a 409 that names the field, chosen by
 * the violated index's name (the platform's `saveUnique` gives one slug whatever the index).
 */
export async function saveNamingField<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  conflicts: Record<string, UniqueConflict>,
): Promise<T> {
  try {
    return await tx.save(entity, row);
  } catch (error) {
    const conflict = pgCode(error) === PG_UNIQUE_VIOLATION ? conflicts[constraintOf(error) ?? ''] : undefined;
    if (conflict) throw Problem.conflict(conflict.detail, conflict.slug, { field: conflict.field });
    throw error;
  }
}
