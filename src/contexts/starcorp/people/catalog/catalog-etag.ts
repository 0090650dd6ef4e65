import type { FastifyReply } from 'fastify';
import { etagMatches, etagOf } from '../../../../platform/http/conditional-requests';

/**
 * Conditional GET of a catalog read: the ETag is the catalog's version, so a client whose
 * If-None-Match names it gets a bodiless 304 before the read runs; else `load` answers.
 */
export async function catalogEtagOrNotModified<T>(
  reply: FastifyReply,
  ifNoneMatch: string | undefined,
  version: string,
  load: () => Promise<T>,
): Promise<T | undefined> {
  const etag = etagOf(version);
  if (etagMatches(ifNoneMatch, etag)) {
    reply.header('ETag', etag).header('Cache-Control', 'private, no-cache').status(304);
    return undefined;
  }
  const body = await load();
  // Set after the read, so a 404 or a 400 carries no ETag.
  reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
  return body;
}
