import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Problem } from '../http/problem';

export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

/** The raw upload streams of requests in flight, kept off `request.body` so audit and idempotency never walk them. */
const uploads = new WeakMap<FastifyRequest, Readable>();

/**
 * Accepts `application/octet-stream` bodies, unread, on the routes marked `@AcceptsUpload()`
 * only: everywhere else such a body stays a 415, as any non-JSON body is.
 */
export function installUploadParser(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser(UPLOAD_CONTENT_TYPE)) return;
  fastify.addContentTypeParser(UPLOAD_CONTENT_TYPE, (request, payload, done) => {
    const config = request.routeOptions.config as { acceptsUpload?: boolean } | undefined;
    if (!config?.acceptsUpload) {
      done(new Problem(415, `Unsupported Media Type: ${UPLOAD_CONTENT_TYPE}`), undefined);
      return;
    }
    uploads.set(request, payload as Readable);
    done(null, {});
  });
}

/** Marks a route as taking a raw file body (see `UploadStream`). */
export const AcceptsUpload = () => RouteConfig({ acceptsUpload: true });

/** The request's raw body stream; 415 when the client sent no `application/octet-stream` body. */
export const UploadStream = createParamDecorator((_: unknown, ctx: ExecutionContext): Readable => {
  const stream = uploads.get(ctx.switchToHttp().getRequest<FastifyRequest>());
  if (!stream) throw new Problem(415, `Send the file as the body, with Content-Type: ${UPLOAD_CONTENT_TYPE}`);
  return stream;
});
