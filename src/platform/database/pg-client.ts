import { Client, ClientConfig } from 'pg';

type AnyQuery = (...args: unknown[]) => unknown;

/**
 * A pg client that closes its connection when a query hits the client-side `query_timeout`.
 *
 * pg rejects the timed-out query but keeps the connection, still waiting for that query's answer:
 * on a server or network that went silent, every later query on it would wait too, and the pool
 * would hand it out again after the outage. The server-side `statement_timeout` fires first on a
 * merely slow query, so a client-side timeout means the connection itself is lost; ending it lets
 * the pool open a fresh one, and the API recovers without a restart.
 */
export class SelfHealingPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const query = (super.query as AnyQuery).bind(this);
    this.query = ((...args: unknown[]) => {
      const callback = args[args.length - 1];
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          this.dropIfReadTimeout(error);
          return (callback as AnyQuery)(error, result);
        };
      }
      const result = query(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.dropIfReadTimeout(error));
      return result;
    }) as Client['query'];
  }

  private dropIfReadTimeout(error: unknown): void {
    if (error instanceof Error && error.message === 'Query read timeout') {
      // end() destroys the socket under a hung query; the pool drops a client that is ending.
      this.end().catch(() => undefined);
    }
  }
}
