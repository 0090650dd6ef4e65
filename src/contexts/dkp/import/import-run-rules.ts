import type { FieldError } from '../../../platform/http/problem';
import { parsePoolNames } from './report-format';

/**
 * The rules of an import run requested through the API: which connection the request names,
 * what the job carries (sealed), and how errors are told without the password.
 */

export const IMPORT_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/** Rows read per source table, and rows written per committed step (in order). */
export interface ImportRunProgress {
  read?: Record<string, number>;
  steps?: Record<string, number>;
}

/** The connection as a request gives it: a URL, or its parts. */
export interface ImportConnectionInput {
  mysqlUrl?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

/** What the job needs to run the import; sealed in the job data since it holds the password. */
export interface ImportJobSecrets {
  mysqlUrl: string;
  /** The secret parts, to strip from any error text. */
  password: string | null;
  encryptionKey: string | null;
}

export interface ImportJobOptions {
  prefix: string;
  dryRun: boolean;
  pools: string | null;
}

const PART_FIELDS = ['host', 'port', 'user', 'password', 'database'] as const;

/**
 * Field errors of a request's connection and pools: exactly one of `mysqlUrl` or
 * `host` + `user` + `database` (port and password optional), a `mysql://` or `mariadb://` URL
 * with a database, and a pools spec the CLI would accept.
 */
export function connectionErrors(input: ImportConnectionInput & { pools?: string }): FieldError[] {
  const errors: FieldError[] = [];
  const parts = PART_FIELDS.filter((field) => input[field] !== undefined);
  if (input.mysqlUrl !== undefined) {
    if (parts.length) {
      for (const field of parts) errors.push({ path: field, message: `give either mysqlUrl or ${field}, not both` });
    } else {
      const url = parseUrl(input.mysqlUrl);
      if (!url || !['mysql:', 'mariadb:'].includes(url.protocol) || !url.hostname || url.pathname.length < 2) {
        errors.push({ path: 'mysqlUrl', message: 'mysqlUrl must be mysql://user[:password]@host[:port]/database' });
      }
    }
  } else {
    for (const field of ['host', 'user', 'database'] as const) {
      if (input[field] === undefined) errors.push({ path: field, message: `${field} is required without mysqlUrl` });
    }
  }
  if (input.pools !== undefined) {
    try {
      parsePoolNames(input.pools);
    } catch (error) {
      errors.push({ path: 'pools', message: (error as Error).message.replace('--pools', 'pools') });
    }
  }
  return errors;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The `mysql2` URL and the password of a request whose `connectionErrors` are none. */
export function connectionOf(input: ImportConnectionInput): { mysqlUrl: string; password: string | null } {
  if (input.mysqlUrl !== undefined) {
    const url = new URL(input.mysqlUrl);
    url.protocol = 'mysql:';
    return { mysqlUrl: url.toString(), password: url.password ? decodeURIComponent(url.password) : null };
  }
  const auth = encodeURIComponent(input.user!) + (input.password ? `:${encodeURIComponent(input.password)}` : '');
  const host = input.host!.includes(':') ? `[${input.host}]` : input.host!;
  const url = `mysql://${auth}@${host}:${input.port ?? 3306}/${encodeURIComponent(input.database!)}`;
  return { mysqlUrl: url, password: input.password || null };
}

/**
 * An error's text as a run may store and show it: the password (as given and URL-encoded), the
 * encryption key and any URL credentials replaced by `***`, cut to the column's length.
 */
export function redactedError(message: string, secrets: Partial<ImportJobSecrets>, max = 2000): string {
  let text = message.replace(/(mysql|mariadb):\/\/([^:@/\s]*):[^@\s]*@/gi, '$1://$2:***@');
  for (const secret of [secrets.password, secrets.encryptionKey]) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) text = text.split(form).join('***');
  }
  return text.slice(0, max);
}

/**
 * The request as the audit trail may keep it: no password, no encryption key, no credentials in
 * the URL (the audit redacts fields by name only, and `mysqlUrl` / `encryptionKey` are not such names).
 */
export function auditableRequest(body: ImportConnectionInput & Record<string, unknown>): Record<string, unknown> {
  const { password: _password, encryptionKey: _key, ...rest } = body;
  if (typeof rest.mysqlUrl === 'string') rest.mysqlUrl = redactedError(rest.mysqlUrl, {});
  return { ...rest, ...(_password !== undefined ? { password: '[redacted]' } : {}), ...(_key !== undefined ? { encryptionKey: '[redacted]' } : {}) }; // prettier-ignore
}
