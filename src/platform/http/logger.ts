import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Logger as NestPinoLogger, Params, PinoLogger } from 'nestjs-pino';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../config/app-config';

/**
 * Nest's start-up chatter: one line per module, controller and route (~200 lines). Useful when
 * debugging routing, noise for an operator reading a start, so it is logged at debug.
 */
const START_UP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Liveness and readiness probes run every few seconds: logged at debug, not info. */
const HEALTH_PROBE = /^\/api\/v1\/health(?:[/?]|$)/;

/**
 * Readable lines for a person at a terminal (development, stdout a TTY, or LOG_PRETTY=1), JSON
 * for everything else (production, files, log shippers). pino-pretty is a dev dependency, so a
 * production image never loads it even when LOG_PRETTY is set.
 */
export function wantsPrettyLogs(config: AppConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  if (config.isProduction || env.LOG_PRETTY === '0') return false;
  if (env.LOG_PRETTY !== '1' && !process.stdout.isTTY) return false;
  try {
    createRequire(__filename).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The one pino logger of the process: Nest's messages, request lines and Fastify's own errors.
 * Credentials never reach the log. `destination` lets a test capture the lines.
 */
export function createPinoLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
  };
  if (destination) return pino(options, destination);
  if (wantsPrettyLogs(config)) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', messageKey: 'msg' },
      },
    });
  }
  return pino(options);
}

type Req = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * Request logging through nestjs-pino (pino-http): one line per request when it completes, with
 * the request id Fastify assigned (`X-Request-Id`), method, URL, status and time. Logs written
 * while a request is handled carry its `reqId` too. Probes go to debug, server errors to error.
 */
export function requestLoggingParams(logger: Logger): Params {
  const url = (req: Req) => (req.originalUrl ?? req.url ?? '').split('?')[0];
  const pinoHttp: PinoHttpOptions<Req, ServerResponse> = {
    logger,
    // Fastify (through middie) already set req.id from X-Request-Id or a UUID: keep it.
    genReqId: (req) => String(req.id),
    // Bind only the id to the request's child logger; the request itself is in the completion line.
    quietReqLogger: true,
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      return HEALTH_PROBE.test(url(req)) ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${url(req)} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${url(req)} ${res.statusCode} failed`,
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return { pinoHttp };
}

/**
 * Nest's LoggerService (nestjs-pino's, which adds the request's `reqId` inside a request), with
 * the start-up chatter moved from info to debug.
 */
export class QuartermasterLogger extends NestPinoLogger {
  constructor(params: Params) {
    super(new PinoLogger(params), params);
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && START_UP_CHATTER.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}
