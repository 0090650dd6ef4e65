import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { Problem } from '../http/problem';
import { isStillReferenced } from './pg-errors';

/**
 * Loads one row of an org-scoped table by id, always filtered by org: another org's id is a 404
 * exactly like a missing one.
 */
export async function findInOrg<T extends ObjectLiteral & { id: string; orgId: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  orgId: string,
  id: string,
  label: string,
  options: { lock?: boolean } = {},
): Promise<T> {
  const row = await manager.findOne(entity, {
    where: { id, orgId } as FindOptionsWhere<T>,
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!row) throw Problem.notFound(label);
  return row;
}

/** Deletes rows, turning "still referenced elsewhere" into a 409 with the given detail. */
export async function deleteUnlessReferenced<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  conflict: { detail: string; slug: string },
): Promise<void> {
  try {
    await manager.delete(entity, where);
  } catch (error) {
    if (isStillReferenced(error)) throw Problem.conflict(conflict.detail, conflict.slug);
    throw error;
  }
}
