import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../../../platform/database/pg-errors';
import { Problem } from '../../../../platform/http/problem';

/**
 * Runs a write and turns a unique-constraint violation into a 409 naming the field, found by the
 * violated index (`constraint` on the driver error): one write can touch several unique columns.
 */
export async function uniqueOr409<T>(
  work: () => Promise<T>,
  slug: string,
  fieldsByIndex: Record<string, string>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    const field = fieldsByIndex[pgConstraint(error) ?? ''] ?? Object.values(fieldsByIndex)[0];
    throw Problem.conflict(`Another row has the same ${field}`, slug, { field });
  }
}
