/**
 * Start-up diagnosis of a database that cannot be reached: which server (never the password) and
 * why, in words an operator can act on, and whether waiting could help.
 */

interface ConnectError {
  code?: string;
  message?: string;
  errors?: unknown[];
}

/** Errors that a database still starting up (or a network blip) gives: worth retrying at start. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P03',
]);

/** The first error that carries a code: Node wraps the attempts on each address in an AggregateError. */
function rootCause(error: unknown): ConnectError {
  const cause = (error ?? {}) as ConnectError;
  if (!cause.code && Array.isArray(cause.errors) && cause.errors.length) return rootCause(cause.errors[0]);
  return cause;
}

/**
 * Whether to try connecting again at start: yes for a server that refuses, is unreachable or is
 * still starting; no for a name that does not resolve, a database or role that does not exist,
 * bad credentials or anything else that waiting cannot fix.
 */
export function isTransientConnectError(error: unknown): boolean {
  const cause = rootCause(error);
  if (cause.code && TRANSIENT_CODES.has(cause.code)) return true;
  return /timeout|Connection terminated/i.test(cause.message ?? '');
}

/** `user@host:port/database` from a connection string, without the password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? (parsed.hostname || 'localhost');
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${host}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return '(a DATABASE_URL that is not a valid URL)';
  }
}

const REASONS: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ECONNREFUSED: 'the connection was refused (is PostgreSQL running and listening on that host and port?)',
  ECONNRESET: 'the server closed the connection',
  ETIMEDOUT: 'the server did not answer (timeout)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  '28P01': 'authentication failed (wrong user or password)',
  '28000': 'the server refused this user (no such role, or pg_hba.conf does not allow it)',
  '3D000': 'the database does not exist',
  '57P03': 'the server is still starting up',
  '53300': 'the server has too many connections',
};

/** The error is about reaching or logging into the server, not about a query or a migration. */
export function isConnectError(error: unknown): boolean {
  const cause = rootCause(error);
  return (
    (cause.code !== undefined && cause.code in REASONS) || /timeout|Connection terminated/i.test(cause.message ?? '')
  );
}

/** One line saying which database could not be reached and why. */
export function describeConnectError(error: unknown, url: string): string {
  const cause = rootCause(error);
  const known = cause.code ? REASONS[cause.code] : undefined;
  // The server's own words (e.g. `database "qm" does not exist`) are specific and hold no secret.
  const serverSaid = cause.code && /^[0-9A-Z]{5}$/.test(cause.code) && cause.message ? ` (${cause.message})` : '';
  const reason = known
    ? known + serverSaid
    : /timeout/i.test(cause.message ?? '')
      ? 'the server did not answer in time (timeout)'
      : (cause.message ?? String(error));
  return `Cannot connect to the database at ${describeTarget(url)}: ${reason}`;
}
