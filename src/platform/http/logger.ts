import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config';
import { ScopeSlot } from './request-scope';

/**
 * Nest's start-up chatter: one line per module, controller and route (~200 lines). Useful when
 * debugging routing, noise for an operator reading a start, so it is logged at debug.
 */
const START_UP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** pino's numeric level of `info`. */
const INFO = 30;

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

/** The logger of the request being handled (Fastify's `request.log`, bound to its `reqId`). */
const requestLogger = new ScopeSlot<Logger>('request logger');

/**
 * Request logging on Fastify's own hooks: one line per request when its response has been sent,
 * with the request id (`reqId`, as in `X-Request-Id`), method, URL, status and time; probes go to
 * debug and server errors to error. Logs written while a route handles the request carry its
 * `reqId` too (QuartermasterLogger reads the request's logger from the request scope).
 *
 * This replaced nestjs-pino's middleware (pino-http through middie, a child logger and an
 * AsyncLocalStorage run per request): on a cheap read it cost a third of the Node CPU
 * (bench/RESULTS.md). Here the line is built only when its level is enabled, the request's logger
 * is the one Fastify already made, and the scope is a slot of the platform's one store.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  // preHandler, not onRequest: a body is read in the socket's async context, so a scope entered
  // before it would not reach the handler. Nest's guards, pipes and interceptors run in the handler.
  fastify.addHook('preHandler', (request, _reply, done) => requestLogger.run(pinoOf(request), done));
  fastify.addHook('onResponse', (request, reply, done) => {
    logCompletion(request, reply);
    done();
  });
}

/** Fastify's request logger, a pino child logger (createApp gives Fastify the process's pino logger). */
const pinoOf = (request: FastifyRequest) => request.log as unknown as Logger;

function logCompletion(request: FastifyRequest, reply: FastifyReply): void {
  const log = pinoOf(request);
  const status = reply.statusCode;
  // The usual production case, LOG_LEVEL above info and no server error: nothing to build.
  if (status < 500 && log.levelVal > INFO) return;
  const path = request.url.split('?')[0];
  const level = status >= 500 ? 'error' : HEALTH_PROBE.test(path) ? 'debug' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const ms = Math.round(reply.elapsedTime);
  const line = {
    req: { id: request.id, method: request.method, url: request.url, remoteAddress: request.ip },
    res: { statusCode: status },
    responseTime: ms,
  };
  log[level](
    line,
    status >= 500 ? `${request.method} ${path} ${status} failed` : `${request.method} ${path} ${status} ${ms} ms`,
  );
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** pino's level methods, each forwarding to the current request's logger, or to `root` outside a request. */
function requestBoundLogger(root: Logger): Pick<Logger, (typeof LEVELS)[number]> {
  const forward = (level: (typeof LEVELS)[number]) =>
    ((...args: Parameters<Logger['info']>) => (requestLogger.get() ?? root)[level](...args)) as Logger['info'];
  return Object.fromEntries(LEVELS.map((level) => [level, forward(level)])) as Pick<Logger, (typeof LEVELS)[number]>;
}

/**
 * Nest's LoggerService: nestjs-pino's adapter of Nest's calling conventions (context last, error
 * stacks) over pino, writing through the request's logger inside a request, with the start-up
 * chatter moved from info to debug.
 */
export class QuartermasterLogger extends NestPinoLogger {
  constructor(root: Logger) {
    super(requestBoundLogger(root) as unknown as PinoLogger, {});
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && START_UP_CHATTER.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}
