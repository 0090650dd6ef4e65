import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import { ProblemError } from './problem-error';
import { retryingFetch } from './retrying-fetch';
import type { components, paths } from './schema';

export type { components, paths } from './schema';
export { ProblemError, type FieldError } from './problem-error';

/** Named schemas of the API, e.g. `Schema<'MemberDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface QuartermasterOptions {
  /** Server origin, e.g. `http://localhost:3000` (paths already start with /api/v1). */
  baseUrl: string;
  /** A login access token, or a function returning the current one (for refresh flows). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A personal or bot API key (sent as X-API-Key). */
  apiKey?: string;
  /** Retries of idempotent calls on network errors, 429 and 502-504. Default 2. */
  retries?: number;
  fetch?: typeof fetch;
}

export type QuartermasterClient = Client<paths>;

/**
 * The typed client: every path, parameter and body of the contract is checked by TypeScript.
 * Calls return `{ data, error, response }`; wrap them in `unwrap()` to get data or a thrown
 * `ProblemError`.
 */
export function createQuartermasterClient(options: QuartermasterOptions): QuartermasterClient {
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: retryingFetch(options.fetch ?? globalThis.fetch, options.retries ?? 2),
  });
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      else if (options.apiKey) request.headers.set('X-API-Key', options.apiKey);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** A fresh key for the `Idempotency-Key` header; reuse it when retrying the same intent. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The response data of a successful call; throws `ProblemError` for an error response. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ProblemError(response.status, error);
  return data as T;
}

interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * Iterates every item of a cursor-paginated list, fetching pages as needed:
 * `for await (const m of paginate((cursor) => api.GET(path, { params: { query: { cursor } } })))`.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchResult<CursorPage<T>>>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await unwrap(fetchPage(cursor));
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
