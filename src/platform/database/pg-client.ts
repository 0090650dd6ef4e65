import { Client, ClientConfig } from 'pg';
import { transactionBoundary, writeListenersOf } from './table-writes';

type AnyQuery = (...args: unknown[]) => unknown;

/** The text and prepared-statement name of pg's `query(textOrConfig, ...)` first argument. */
function statementOf(first: unknown): { text?: string; name?: string } {
  if (typeof first === 'string') return { text: first };
  if (first && typeof first === 'object') return first as { text?: string; name?: string };
  return {};
}

/**
 * The pg client of the pool: it closes its connection when a query hits the client-side
 * `query_timeout`, and reports writes to watched tables (table-writes.ts).
 *
 * On a timeout, pg rejects the query but keeps the connection, still waiting for that query's
 * answer: on a server or network that went silent, every later query on it would wait too, and
 * the pool would hand it out again after the outage. The server-side `statement_timeout` fires
 * first on a merely slow query, so a client-side timeout means the connection itself is lost;
 * ending it lets the pool open a fresh one, and the API recovers without a restart.
 */
export class SelfHealingPgClient extends Client {
  /** Whether this connection is inside a transaction (BEGIN/START TRANSACTION ... COMMIT/ROLLBACK). */
  private inTransaction = false;
  /** Listeners of watched writes made in the open transaction, called again when it ends. */
  private pendingWriteListeners = new Set<() => void>();

  constructor(config?: string | ClientConfig) {
    super(config);
    const query = (super.query as AnyQuery).bind(this);
    this.query = ((...args: unknown[]) => {
      const done = this.watchWrites(args[0]);
      const callback = args[args.length - 1];
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          this.dropIfReadTimeout(error);
          done?.();
          return (callback as AnyQuery)(error, result);
        };
      }
      const result = query(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => this.dropIfReadTimeout(error));
        if (done && typeof callback !== 'function') result.then(done, done);
      }
      return result;
    }) as Client['query'];
  }

  /**
   * Calls the listeners of a watched write now, and returns what to call when the statement
   * completes: the same listeners (an autocommit write is visible then), and at the end of a
   * transaction those of the writes it made.
   */
  private watchWrites(first: unknown): (() => void) | undefined {
    const { text, name } = statementOf(first);
    const boundary = transactionBoundary(text);
    if (boundary === 'start') this.inTransaction = true;
    if (boundary === 'end') {
      this.inTransaction = false;
      if (!this.pendingWriteListeners.size) return undefined;
      const pending = [...this.pendingWriteListeners];
      this.pendingWriteListeners.clear();
      return () => pending.forEach((listener) => listener());
    }
    const listeners = writeListenersOf(text, name);
    if (!listeners.length) return undefined;
    for (const listener of listeners) listener();
    if (this.inTransaction) for (const listener of listeners) this.pendingWriteListeners.add(listener);
    return () => listeners.forEach((listener) => listener());
  }

  private dropIfReadTimeout(error: unknown): void {
    if (error instanceof Error && error.message === 'Query read timeout') {
      // end() destroys the socket under a hung query; the pool drops a client that is ending.
      this.end().catch(() => undefined);
    }
  }
}
