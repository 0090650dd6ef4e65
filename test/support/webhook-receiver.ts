import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (what signatures cover). */
  body: string;
  /** The status the receiver answered with. */
  status: number;
}

/**
 * A tiny webhook receiver on 127.0.0.1: records every request and answers 204, or an error
 * status for the next `n` requests to a path after `failNext(path, n)`. Give every subscription
 * its own path, so tests only look at their own deliveries.
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  private readonly failures = new Map<string, { remaining: number; status: number }>();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const failure = this.failures.get(path);
      let status = 204;
      if (failure && failure.remaining > 0) {
        failure.remaining--;
        status = failure.status;
      }
      this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.statusCode = status;
      res.end();
    });
  });
  baseUrl = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.baseUrl = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  /** A URL on this receiver for one subscription. */
  url(path: string): string {
    return `${this.baseUrl}/${path}`;
  }

  /** Requests that reached `/<path>`. */
  to(path: string): ReceivedWebhook[] {
    return this.requests.filter((r) => r.path === `/${path}`);
  }

  /** The next `n` requests to `/<path>` get `status`. */
  failNext(path: string, n: number, status = 500): void {
    this.failures.set(`/${path}`, { remaining: n, status });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
