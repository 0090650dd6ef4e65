const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Methods whose repetition cannot cause a second effect (HTTP semantics). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const MAX_DELAY_MS = 5_000;

/** How the client treats one request: set by its middleware, read by the fetch below. */
export interface RequestPolicy {
  /** Whether sending the request again cannot cause a second effect. */
  retryable: boolean;
  /** Per attempt; 0 or Infinity for none. */
  timeoutMs?: number;
}

/**
 * Policies keyed by the Request object that openapi-fetch hands from its middleware to fetch.
 * A middleware added after ours that replaces the Request loses the policy: such a request falls
 * back to the default (retried only when its method is safe), which is never unsafe.
 */
const policies = new WeakMap<Request, RequestPolicy>();

export function setRequestPolicy(request: Request, policy: Partial<RequestPolicy>): void {
  policies.set(request, { ...policyOf(request), ...policy });
}

function policyOf(request: Request): RequestPolicy {
  return policies.get(request) ?? { retryable: SAFE_METHODS.has(request.method) };
}

/** Whether `method` may be retried without a key. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

function delayFor(attempt: number, response?: Response): number {
  const retryAfter = Number(response?.headers.get('Retry-After'));
  const base = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 100 * 2 ** attempt;
  return Math.min(base, MAX_DELAY_MS) * (0.5 + Math.random() / 2);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (the caller gave up). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether the answer asks for the same request again later. */
function shouldRetry(request: Request, response: Response): boolean {
  if (RETRY_STATUSES.has(response.status)) return true;
  // 409 `idempotency-in-progress`: our earlier attempt (timed out on our side) is still running.
  return response.status === 409 && response.headers.has('Retry-After') && request.headers.has('Idempotency-Key');
}

/** The caller's signal, plus a deadline for this attempt. */
function attemptSignal(request: Request, timeoutMs: number | undefined): AbortSignal {
  if (!timeoutMs || !Number.isFinite(timeoutMs)) return request.signal;
  return AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
}

export interface RetryingFetchOptions {
  retries: number;
  /** Per attempt, unless the request's policy says otherwise; 0 for none. */
  timeoutMs: number;
}

/**
 * Wraps fetch with a timeout per attempt, and with retries (jittered exponential backoff, or the
 * server's Retry-After) on network failures, timeouts and 429/502/503/504, only for requests whose
 * repetition is safe: safe methods, and POSTs whose operation honours the Idempotency-Key they
 * carry. A retry sends the same request, hence the same key. The caller's own abort is final.
 */
export function retryingFetch(
  inner: typeof fetch,
  options: RetryingFetchOptions,
): (request: Request, init?: RequestInit) => Promise<Response> {
  return async (request: Request, init?: RequestInit) => {
    const policy = policyOf(request);
    const timeoutMs = policy.timeoutMs ?? options.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < options.retries && policy.retryable;
      try {
        const sent = canRetry ? request.clone() : request;
        const response = await inner(sent, { ...init, signal: attemptSignal(request, timeoutMs) });
        if (!canRetry || !shouldRetry(request, response)) return response;
        await response.body?.cancel().catch(() => undefined);
        await sleep(delayFor(attempt, response), request.signal);
      } catch (error) {
        if (!canRetry || request.signal.aborted) throw error;
        await sleep(delayFor(attempt), request.signal);
      }
    }
  };
}
