import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isStillReferenced, PG_UNIQUE_VIOLATION, pgCode } from '../database/pg-errors';
import { defaultProblem, Problem, ProblemBody, UNAVAILABLE_RETRY_AFTER_SECONDS } from './problem';

/** Fastify's own client errors (body parsing, size, content type) carry a statusCode < 500. */
interface FastifyClientError {
  statusCode: number;
  code?: string;
  message: string;
}

function isFastifyClientError(e: unknown): e is FastifyClientError {
  const status = (e as FastifyClientError)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Turns every error into RFC 9457 problem+json. Anything unrecognised is a 500 with no detail
 * leaked to the client; its stack goes to the log with the request id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = this.toProblem(exception);
    body.instance ??= request.url.split('?')[0];
    body.requestId = String(request.id);
    if (body.status === 503) {
      // An outage, not a bug: one line without a stack, and the client is told when to come back.
      this.logger.warn({ requestId: request.id, reason: describeOutage(exception) }, body.detail);
      if (!reply.hasHeader('Retry-After')) reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    } else if (body.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    // A problem that knows when to come back (e.g. a login lock) says so in `retryAfter` (seconds).
    if (typeof body.retryAfter === 'number' && !reply.hasHeader('Retry-After')) {
      reply.header('Retry-After', String(body.retryAfter));
    }
    reply.status(body.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(body);
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'type' in response) return { ...(response as ProblemBody) };
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return {
        ...defaultProblem(status),
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? ''),
      };
    }
    if (isDatabaseUnavailable(exception)) return this.toProblem(Problem.databaseUnavailable());
    const code = pgCode(exception);
    if (code === PG_UNIQUE_VIOLATION) {
      return { ...defaultProblem(409), status: 409, detail: 'A resource with the same unique value already exists' };
    }
    if (isStillReferenced(exception)) {
      return {
        ...defaultProblem(409),
        status: 409,
        detail: 'The request refers to a resource that does not exist or is still in use',
      };
    }
    // Data exceptions (class 22: malformed text for a type, numbers out of range, NUL bytes,
    // bad timestamps, over-long values) come from a value the client sent, not a fault of ours.
    if (code?.startsWith('22')) {
      return { ...defaultProblem(400), status: 400, detail: 'A value in the request is out of range or malformed' };
    }
    if (isFastifyClientError(exception)) {
      return { ...defaultProblem(exception.statusCode), status: exception.statusCode, detail: exception.message };
    }
    return {
      ...defaultProblem(500),
      status: 500,
      detail: 'An unexpected error occurred; quote the requestId when reporting it',
    };
  }
}

/** The driver's own words for an outage (refused, timeout, ...), for the log line. */
function describeOutage(exception: unknown): string | undefined {
  const cause = (exception as { driverError?: unknown })?.driverError ?? exception;
  return cause instanceof Error ? `${(cause as { code?: string }).code ?? ''} ${cause.message}`.trim() : undefined;
}
