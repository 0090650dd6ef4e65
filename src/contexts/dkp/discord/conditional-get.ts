import type { FastifyReply } from 'fastify';

/** An If-None-Match header matches when it lists the ETag (weak or strong) or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Sends `body` with its `versionField` as the ETag, or a bodiless 304 when the client's
 * If-None-Match already names that version (the handler returns what this returns).
 */
export function withEtag<T, K extends keyof T>(
  reply: FastifyReply,
  ifNoneMatch: string | undefined,
  body: T,
  versionField: K & (T[K] extends string ? K : never),
): T | undefined {
  const etag = `"${String(body[versionField])}"`;
  reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
  if (!etagMatches(ifNoneMatch, etag)) return body;
  reply.status(304);
  return undefined;
}
