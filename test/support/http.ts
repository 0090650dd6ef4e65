import { TestApp, TestUser } from './test-app';

/** Who makes a raw call: a user, a bot or personal key, or nobody (anonymous). */
export type Caller = TestUser | { apiKey: string } | null;

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

export interface HttpOptions {
  body?: unknown;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Sent as is (malformed JSON, odd content types). */
  rawBody?: string;
}

/**
 * A raw call (no SDK types), for malformed bodies, odd headers and paths built at run time.
 * Everything else goes through the typed SDK. `path` starts with /api/v1.
 */
export async function http(
  t: TestApp,
  who: Caller,
  method: string,
  path: string,
  opts: HttpOptions = {},
): Promise<HttpResult> {
  const url = new URL(t.baseUrl + path);
  for (const [name, value] of Object.entries(opts.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { ...opts.headers };
  if (who && 'token' in who) headers.authorization = `Bearer ${who.token}`;
  else if (who && 'apiKey' in who) headers['x-api-key'] = who.apiKey;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
