import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyHttpOptions } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { PROBLEM_BASE } from './problem';

/**
 * The Fastify server options that bound what one client can hold: which proxies may name the
 * client IP, and how long a connection may take to send its request or sit idle. Event streams
 * survive the idle timeout through their heartbeat (LiveEvents), and the header and request
 * timeouts only cover receiving the request, not a long response.
 */
export function serverLimits(
  config: AppConfig,
): Pick<
  FastifyHttpOptions<Server>,
  'trustProxy' | 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'http' | 'clientErrorHandler'
> {
  const headersTimeout = config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  const requestTimeout = Math.max(config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000, headersTimeout);
  return {
    trustProxy: config.trustProxy,
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    requestTimeout,
    http: {
      headersTimeout,
      requestTimeout,
      // Node checks the two timeouts above on this interval (30 s by default, which would let a
      // slow client hold a connection up to 30 s past its timeout).
      connectionsCheckingInterval: Math.min(5_000, Math.ceil(headersTimeout / 2)),
    },
    clientErrorHandler: problemClientErrorHandler,
  };
}

/** A request line longer than this, in a request over Node's header limit, makes the 431 a 414. */
const LONG_REQUEST_LINE = 8 * 1024;

/** Node answers these before Fastify (or Nest) sees a request; they are problem+json too. */
function clientErrorStatus(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line in its header size limit (16 KiB); when the request line
    // alone is over 8 KiB, the URI is what is too long.
    const raw = error.rawPacket;
    const lineEnd = raw?.indexOf('\r\n') ?? -1;
    const lineLength = raw ? (lineEnd < 0 ? raw.length : lineEnd) : 0;
    return lineLength > LONG_REQUEST_LINE ? 414 : 431;
  }
  return 400;
}

const CLIENT_ERRORS: Record<number, [slug: string, detail: string]> = {
  400: ['bad-request', 'The request could not be parsed as HTTP'],
  408: ['request-timeout', 'The request was not received in time'],
  414: ['uri-too-long', 'The request line (URL) is too long'],
  431: ['headers-too-large', 'The request headers are too large'],
};

/** Replaces Fastify's default handler, whose bodies are plain JSON in another shape. */
export function problemClientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const status = clientErrorStatus(error);
    const [slug, detail] = CLIENT_ERRORS[status];
    const body = JSON.stringify({
      type: PROBLEM_BASE + slug,
      slug,
      title: STATUS_CODES[status],
      status,
      detail,
      requestId: randomUUID(),
    });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
