import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import { authHeaders, type Credentials } from './auth';
import { OPERATIONS } from './operations';
import { isSafeMethod, retryingFetch, setRequestPolicy } from './retrying-fetch';
import type { components, paths } from './schema';

/** Named schemas of the API, e.g. `Schema<'MemberDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The default time one attempt of a call may take before it fails with a `TimeoutError`. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface QuartermasterOptions extends Credentials {
  /** Server origin, e.g. `http://localhost:3000` (paths already start with /api/v1). */
  baseUrl: string;
  /** Retries of calls that are safe to repeat, on network errors, timeouts, 429 and 502-504. Default 2. */
  retries?: number;
  /** Per attempt, in milliseconds; 0 for none. Default 30 s. Per call: `middleware: [withTimeout(ms)]`. */
  timeoutMs?: number;
  /** Give every POST without an `Idempotency-Key` a fresh one (reused by retries). Default true. */
  idempotencyKeys?: boolean;
  fetch?: typeof fetch;
}

export type QuartermasterClient = Client<paths>;

/** `METHOD /path` of the operations whose server honours an Idempotency-Key. */
const IDEMPOTENT = new Set(
  Object.values(OPERATIONS)
    .filter((o) => 'idempotent' in o && o.idempotent)
    .map((o) => `${o.method.toUpperCase()} ${o.path}`),
);

/** Whether the server replays, instead of repeating, this operation when its Idempotency-Key comes again. */
export function honoursIdempotencyKey(method: string, path: string): boolean {
  return IDEMPOTENT.has(`${method.toUpperCase()} ${path}`);
}

/**
 * Authentication, automatic idempotency keys, and the retry decision: a request is repeated
 * only when its method is safe or its operation honours the key it carries. A key on an
 * operation that ignores it is harmless but does not make a retry safe.
 */
function sdkMiddleware(options: QuartermasterOptions): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      for (const [name, value] of Object.entries(await authHeaders(options))) request.headers.set(name, value);
      const autoKey = options.idempotencyKeys !== false && request.method === 'POST';
      if (autoKey && !request.headers.has('Idempotency-Key'))
        request.headers.set('Idempotency-Key', newIdempotencyKey());
      const keyed = request.headers.has('Idempotency-Key') && honoursIdempotencyKey(request.method, schemaPath);
      setRequestPolicy(request, { retryable: isSafeMethod(request.method) || keyed });
      return request;
    },
  };
}

/**
 * The typed client: every path, parameter and body of the contract is checked by TypeScript.
 * Calls return `{ data, error, response }`; wrap them in `unwrap()` to get data or a thrown
 * `ProblemError`.
 */
export function createQuartermasterClient(options: QuartermasterOptions): QuartermasterClient {
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: retryingFetch(options.fetch ?? globalThis.fetch, {
      retries: options.retries ?? 2,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    }),
  });
  client.use(sdkMiddleware(options));
  return client;
}

/**
 * A per-call timeout (per attempt, in milliseconds; 0 for none), instead of the client's:
 * `api.POST('/api/v1/orgs/{org}/dkp/raids/import', { ..., middleware: [withTimeout(120_000)] })`.
 */
export function withTimeout(timeoutMs: number): Middleware {
  return {
    onRequest({ request }) {
      setRequestPolicy(request, { timeoutMs });
      return undefined;
    },
  };
}

/** A fresh key for the `Idempotency-Key` header; reuse it when retrying the same intent. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
