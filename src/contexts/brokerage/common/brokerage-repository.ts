import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isStillReferenced } from '../../../platform/database/pg-errors';
import { TransactionalRepository } from '../../../platform/database/transactional-repository';
import { saveNamingField as saveOr409 } from '../../../platform/database/unique-conflict';
import { Problem } from '../../../platform/http/problem';

/** Unique constraints of a table by name, and the request field each one guards (for the 409). */
export type UniqueFields = Readonly<Record<string, string>>;

/**
 * Base of the brokerage repositories: the only classes that hold the DataSource. Services open
 * transactions through `transaction` and reach tables only through a repository's methods.
 */
export abstract class BrokerageRepository extends TransactionalRepository {}

/**
 * Saves a row; a unique violation becomes 409 `duplicate-value` naming the field its constraint
 * guards, so a client knows which value to change without parsing the detail.
 */
export function saveNamingField<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  what: string,
  fields: UniqueFields,
): Promise<T> {
  return saveOr409(tx, entity, row, (constraint) => {
    const field = fields[constraint ?? ''] ?? 'id';
    const value = String((row as Record<string, unknown>)[field]);
    return { detail: `A ${what} with ${field} ${value} exists`, slug: 'duplicate-value', field };
  });
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
