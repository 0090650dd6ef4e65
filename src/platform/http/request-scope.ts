import { AsyncLocalStorage } from 'node:async_hooks';

type Scope = Readonly<Record<symbol, unknown>>;

/**
 * The one AsyncLocalStorage of the platform. Each enabled AsyncLocalStorage copies its store into
 * every async resource created while it is enabled (each promise, each socket callback), so the
 * cost of carrying context grows with the number of stores, on every request. The request's
 * logger, its pending audit entry, its idempotency claim and the "inside a transaction" mark
 * used to be four stores (one of them nestjs-pino's, run per request by its middleware): they
 * are slots of this one now (bench/RESULTS.md has what that bought).
 */
const storage = new AsyncLocalStorage<Scope>();

/** One named value carried along the awaits of the work that set it. */
export class ScopeSlot<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** The value set by the innermost `run` around the caller, if any. */
  get(): T | undefined {
    return storage.getStore()?.[this.key] as T | undefined;
  }

  /** Runs `work` with this slot set to `value`; the other slots keep their values. */
  run<R>(value: T, work: () => R): R {
    return storage.run({ ...storage.getStore(), [this.key]: value }, work);
  }
}

/**
 * Runs `work` with no slot set: work done on behalf of several requests at once (a transaction
 * group) must not pick up the claim or audit entry of whichever request happened to start it.
 */
export function outsideAnyRequest<R>(work: () => R): R {
  return storage.exit(work);
}
