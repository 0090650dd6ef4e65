import type { FastifyReply } from 'fastify';
import { Problem } from './problem';

/**
 * Conditional requests (RFC 9110) on resources whose ETag is a quoted version: a GET with
 * `If-None-Match` naming the current version gets a bodiless 304 (`withEtagOrNotModified`); a
 * change with `If-Match` gets 412 `precondition-failed` when the resource changed since it was
 * read, 428 `precondition-required` when it sent none where one is required (`assertIfMatch`).
 * If-Match compares strongly (a weak tag never matches); If-None-Match weakly; `*` matches both.
 */
export const etagOf = (version: number | string): string => `"${version}"`;

/** The tags of an If-Match or If-None-Match header. */
const tagsOf = (header: string) => header.split(',').map((tag) => tag.trim());

/** Whether an If-Match header names this revision. */
export function ifMatchHolds(ifMatch: string, revision: number): boolean {
  const etag = etagOf(revision);
  return tagsOf(ifMatch).some((tag) => tag === '*' || tag === etag);
}

/** Whether an If-None-Match header names the ETag (weak or strong) or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return tagsOf(ifNoneMatch).some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}

/**
 * Sends `body` with its `versionField` as the ETag, or a bodiless 304 when the client's
 * If-None-Match already names that version (the handler returns what this returns).
 */
export function withEtagOrNotModified<T, K extends keyof T>(
  reply: FastifyReply,
  ifNoneMatch: string | undefined,
  body: T,
  versionField: K & (T[K] extends string ? K : never),
): T | undefined {
  const etag = etagOf(String(body[versionField]));
  reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
  if (!etagMatches(ifNoneMatch, etag)) return body;
  reply.status(304);
  return undefined;
}

/**
 * 412 unless the header (when sent, or when `required`) names the revision; 428 when required and
 * missing. `what` names the resource in the detail ("fuel order").
 */
export function assertIfMatch(
  ifMatch: string | undefined,
  revision: number,
  options: { required: boolean; what: string },
): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (!options.required) return;
    throw new Problem(428, `Send the ${options.what}'s ETag in If-Match to change it`, {
      slug: 'precondition-required',
    });
  }
  if (!ifMatchHolds(ifMatch, revision))
    throw new Problem(412, `The ${options.what} changed since you read it; fetch it again`, {
      slug: 'precondition-failed',
      extensions: { currentRevision: revision, etag: etagOf(revision) },
    });
}

/** Sets the resource's ETag on the response and returns it (for handlers). */
export function withEtag<T extends { revision: number }>(reply: FastifyReply, body: T): T {
  reply.header('ETag', etagOf(body.revision));
  return body;
}
