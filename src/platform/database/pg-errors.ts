import { QueryFailedError } from 'typeorm';

/** Postgres SQLSTATE codes the platform turns into client errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
/** What ON DELETE RESTRICT raises (NO ACTION raises a foreign key violation instead). */
export const PG_RESTRICT_VIOLATION = '23001';
export const PG_SERIALIZATION_FAILURE = '40001';
export const PG_DEADLOCK = '40P01';

export function pgCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string })?.code;
  return undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { constraint?: string })?.constraint;
  return undefined;
}

/** The row is still referenced by another: a foreign key or RESTRICT rule refused the change. */
export function isStillReferenced(error: unknown): boolean {
  const code = pgCode(error);
  return code === PG_FOREIGN_KEY_VIOLATION || code === PG_RESTRICT_VIOLATION;
}
