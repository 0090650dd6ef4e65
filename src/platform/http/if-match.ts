import type { FastifyReply } from 'fastify';
import { Problem } from './problem';

/**
 * Optimistic concurrency (RFC 9110 If-Match) for resources with an integer `revision` that every
 * change bumps: the ETag is the quoted revision; a change sends it back in `If-Match` and gets 412
 * `precondition-failed` when the resource changed since, 428 `precondition-required` when it sent
 * none where one is required. Comparison is strong: a weak tag never matches; `*` matches.
 */
export const etagOf = (revision: number): string => `"${revision}"`;

/** Whether an If-Match header names this revision. */
export function ifMatchHolds(ifMatch: string, revision: number): boolean {
  const etag = etagOf(revision);
  return ifMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag;
  });
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
