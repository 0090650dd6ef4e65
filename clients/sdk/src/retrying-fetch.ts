const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const MAX_DELAY_MS = 5_000;

/** A request may be sent again when repeating it cannot cause a second effect. */
function isRetryable(request: Request): boolean {
  return SAFE_METHODS.has(request.method) || request.headers.has('Idempotency-Key');
}

function delayFor(attempt: number, response?: Response): number {
  const retryAfter = Number(response?.headers.get('Retry-After'));
  const base = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 100 * 2 ** attempt;
  return Math.min(base, MAX_DELAY_MS) * (0.5 + Math.random() / 2);
}

/**
 * Wraps fetch with retries, with jittered exponential backoff (or the server's Retry-After), for
 * network failures and 429/502/503/504 — only for idempotent calls: safe methods, and
 * mutations that carry an Idempotency-Key.
 */
export function retryingFetch(inner: typeof fetch, retries: number): (input: Request) => Promise<Response> {
  return async (request: Request) => {
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < retries && isRetryable(request);
      try {
        const response = await inner(canRetry ? request.clone() : request);
        if (!canRetry || !RETRY_STATUSES.has(response.status)) return response;
        await new Promise((r) => setTimeout(r, delayFor(attempt, response)));
      } catch (error) {
        if (!canRetry) throw error;
        await new Promise((r) => setTimeout(r, delayFor(attempt)));
      }
    }
  };
}
