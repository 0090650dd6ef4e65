import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { PostingContext } from '../points/ledger.service';

/**
 * Where a posting says it came from. A fixed source names the route's channel (`api`,
 * `import`); `caller` records `bot` for a bot key and `api` for anyone else, for the routes a
 * bot drives (auction awards, bid results).
 */
export type PostingSource = 'api' | 'import' | 'caller';

/**
 * The ledger's posting context for the current request: the org addressed, the calling user as
 * actor, and the source. Handlers receive it ready-made instead of assembling it by hand.
 */
export const Posting = createParamDecorator(
  (source: PostingSource | undefined, ctx: ExecutionContext): PostingContext => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const { orgAccess: access, principal } = request;
    if (!access || !principal) throw new Error('Posting used on a route without an org and an authenticated caller');
    const chosen = source ?? 'api';
    const resolved = chosen === 'caller' ? (principal.apiKey?.kind === 'bot' ? 'bot' : 'api') : chosen;
    return { orgId: access.org.id, actorUserId: principal.user.id, source: resolved };
  },
);
