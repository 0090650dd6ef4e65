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

/** Node's socket errors for a server that cannot be reached or stopped answering. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * What the pg driver and pool say when the server is gone or silent: connect and acquire timeouts,
 * a connection dropped under a query, and the client-side query timeout (`query_timeout`).
 */
const DRIVER_OUTAGE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Connection is not queryable',
];

/**
 * SQLSTATEs that mean "the database cannot serve this now", not "the request is wrong":
 * connection exceptions (08), statement timeout or cancel (57014), shutdown and start-up (57P01-03),
 * too many connections (53300).
 */
function isOutageSqlState(code: string | undefined): boolean {
  return !!code && (code.startsWith('08') || code === '57014' || /^57P0[1-3]$/.test(code) || code === '53300');
}

/**
 * The database is unavailable (down, unreachable, silent, overloaded or past the statement
 * timeout): the request may succeed if retried later, so it answers 503 rather than 500.
 * TypeORM wraps failures of a query (QueryFailedError) but not failures to get a connection.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  if (!cause || typeof cause !== 'object') return false;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_ERRORS.has(code) || isOutageSqlState(code))) return true;
  if (cause instanceof AggregateError) return cause.errors.some(isDatabaseUnavailable);
  return typeof message === 'string' && DRIVER_OUTAGE_MESSAGES.some((known) => message.startsWith(known));
}
