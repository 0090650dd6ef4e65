/** Credentials: a login access token (or a function returning the current one), or an API key. */
export interface Credentials {
  /** A login access token, or a function returning the current one (for refresh flows). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A personal or bot API key (sent as X-API-Key). */
  apiKey?: string;
}

/** The Authorization or X-API-Key header for these options (none when anonymous). */
export async function authHeaders(options: Credentials): Promise<Record<string, string>> {
  const token = typeof options.token === 'function' ? await options.token() : options.token;
  if (token) return { Authorization: `Bearer ${token}` };
  return options.apiKey ? { 'X-API-Key': options.apiKey } : {};
}
