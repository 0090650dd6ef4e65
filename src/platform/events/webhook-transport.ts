import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { Injectable } from '@nestjs/common';
import {
  assertPublic,
  guardedLookup,
  literalAddress,
  systemResolver,
  TargetRefusedError,
} from './webhook-target-guard';

/**
 * How webhook targets' names are resolved: the system resolver. A provider of its own so tests
 * can answer for made-up names (`jest.spyOn(app.get(WebhookTargetResolver), 'resolve')`) and
 * never resolve or reach a real outside address.
 */
@Injectable()
export class WebhookTargetResolver {
  resolve(hostname: string): Promise<LookupAddress[]> {
    return systemResolver(hostname);
  }
}

/** What the org sees in a delivery's `lastError`: never which network error or TLS problem it was. */
export const DELIVERY_ERROR = {
  refused: 'target refused: not a public address',
  timeout: 'timeout',
  connection: 'delivery failed: connection error',
} as const;

export class DeliveryTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'DeliveryTimeoutError';
  }
}

/**
 * The org-facing reason for a request that got no HTTP answer, and whether it is final. A
 * detailed reason (ECONNRESET vs EHOSTUNREACH vs a certificate error) would turn the delivery log
 * into a port and TLS scanner of whatever the target reaches; the detail goes to the server log.
 */
export function describeFailure(error: unknown): { error: string; final: boolean } {
  if (error instanceof TargetRefusedError) return { error: DELIVERY_ERROR.refused, final: true };
  if (error instanceof DeliveryTimeoutError) return { error: DELIVERY_ERROR.timeout, final: false };
  return { error: DELIVERY_ERROR.connection, final: false };
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * POSTs webhook bodies through http/https agents whose `lookup` applies the target policy at
 * connect time (see `guardedLookup`). Redirects are not followed; the response body is not read.
 */
export class WebhookTransport {
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(
    resolve: (hostname: string) => Promise<LookupAddress[]>,
    private readonly publicOnly: boolean,
  ) {
    const lookup = guardedLookup(resolve, publicOnly);
    this.agents = { 'http:': new http.Agent({ lookup }), 'https:': new https.Agent({ lookup }) };
  }

  /** Resolves with the HTTP status of the answer; rejects when there is none. */
  async post(request: WebhookRequest): Promise<number> {
    const url = new URL(request.url);
    const literal = literalAddress(url);
    // Node connects to a literal IP without calling `lookup`: judge it here (no DNS, no rebinding).
    if (this.publicOnly && literal) assertPublic(url.hostname, [literal]);
    const client = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'];
    return new Promise<number>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) },
        },
        (res) => {
          clearTimeout(timer);
          res.destroy();
          resolve(res.statusCode ?? 0);
        },
      );
      const timer = setTimeout(() => req.destroy(new DeliveryTimeoutError(request.timeoutMs)), request.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(request.body);
    });
  }
}
