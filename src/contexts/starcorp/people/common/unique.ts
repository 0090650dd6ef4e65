import { uniqueConflict } from '../../../../platform/database/unique-conflict';

/**
 * Runs a write and turns a unique-constraint violation into a 409 naming the field, found by the
 * violated index: one write can touch several unique columns.
 */
export function uniqueOr409<T>(
  work: () => Promise<T>,
  slug: string,
  fieldsByIndex: Record<string, string>,
): Promise<T> {
  return uniqueConflict(work, (index) => {
    const field = fieldsByIndex[index ?? ''] ?? Object.values(fieldsByIndex)[0];
    return { detail: `Another row has the same ${field}`, slug, field };
  });
}
