import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../http/problem';

const MAX_LENGTH = 100;
/**
 * The shape of every id our streams send: `<ms>-<n>` (a Redis Stream entry) or `<epoch>.<seq>`
 * (the in-process log). A well-formed id the server cannot replay from gets a `reset` event; a
 * value of another shape is no id at all, and is a 400 like any other malformed input.
 */
const EVENT_ID = /^[0-9a-z]{1,40}[.-][0-9]{1,20}$/;

/**
 * The position a client resumes a server-sent event stream from: the `Last-Event-ID` header
 * (what EventSource sends on reconnect), or the `lastEventId` query parameter for clients that
 * cannot set headers on their first connection. Blank means none.
 */
export const LastEventId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  const query = (req.query ?? {}) as Record<string, unknown>;
  const raw = req.headers['last-event-id'] ?? query.lastEventId;
  const value = (Array.isArray(raw) ? raw[0] : raw) as unknown;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const id = value.trim();
  if (!EVENT_ID.test(id)) {
    const path = req.headers['last-event-id'] !== undefined ? 'Last-Event-ID' : 'lastEventId';
    throw Problem.validation([{ path, message: 'must be an event id this stream sent (e.g. 1795966976249-0)' }]);
  }
  return id;
});

/** Documents how a resumable stream is resumed (see LastEventId). */
export function ApiResumableStream(): MethodDecorator {
  const description =
    'Resume after this event id: the events since are replayed first, or a `reset` event is sent when they ' +
    'cannot be (id unknown or older than the replay window: the last 1000 events and 5 minutes)';
  return applyDecorators(
    ApiHeader({
      name: 'Last-Event-ID',
      required: false,
      description,
      schema: { type: 'string', maxLength: MAX_LENGTH, pattern: EVENT_ID.source },
    }),
    ApiQuery({
      name: 'lastEventId',
      required: false,
      description: `${description}; the Last-Event-ID header wins`,
      schema: { type: 'string', maxLength: MAX_LENGTH, pattern: EVENT_ID.source },
    }),
  );
}
