import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Problem } from '../http/problem';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from './pg-errors';

/** What a unique constraint stands for in a 409: the detail, the problem slug and the field it names. */
export interface UniqueConflict {
  detail: string;
  slug: string;
  /** The request field that collided, sent as the problem's `field`. */
  field: string;
  /** The value that collided, sent as `value` when given. */
  value?: unknown;
}

/**
 * The conflict a write expects: one for any unique violation, or one per violated constraint (by
 * its name; `undefined` for a constraint the write does not expect, which is rethrown as a 500).
 */
export type ConflictFor = UniqueConflict | ((constraint: string | undefined) => UniqueConflict | undefined);

/** The 409 problem of a conflict: `field` (and `value` when known) next to the detail. */
export function conflictProblem(conflict: UniqueConflict): Problem {
  const extensions: Record<string, unknown> = { field: conflict.field };
  if (conflict.value !== undefined) extensions.value = conflict.value;
  return Problem.conflict(conflict.detail, conflict.slug, extensions);
}

/**
 * Runs a write, turning a unique-constraint violation into a 409 that names the field, so a client
 * can point at the input to change without parsing the detail. Inside a transaction the violation
 * has aborted it; the thrown 409 rolls it back.
 */
export async function uniqueConflict<T>(write: () => Promise<T>, conflict: ConflictFor): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    const found = typeof conflict === 'function' ? conflict(pgConstraint(error)) : conflict;
    if (found) throw conflictProblem(found);
    throw error;
  }
}

/** Saves a row through `uniqueConflict`. */
export function saveNamingField<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  conflict: ConflictFor,
): Promise<T> {
  return uniqueConflict(() => manager.save(entity, row), conflict);
}

/** A `ConflictFor` choosing by the violated constraint's name; other constraints are rethrown. */
export function byConstraint(conflicts: Readonly<Record<string, UniqueConflict>>): ConflictFor {
  return (constraint) =>
    constraint !== undefined && Object.hasOwn(conflicts, constraint) ? conflicts[constraint] : undefined;
}
