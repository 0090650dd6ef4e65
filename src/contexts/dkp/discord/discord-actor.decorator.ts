import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { DiscordActor } from './discord-sync.service';

/**
 * Who changes Discord state on this request: the org, the calling member (with their tier) or
 * bot key. Only on org routes with authentication (the access guard sets both).
 */
export const CurrentDiscordActor = createParamDecorator((_: unknown, ctx: ExecutionContext): DiscordActor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const access = request.orgAccess;
  if (!access || !request.principal)
    throw new Error('CurrentDiscordActor used on a route without an {org} parameter or authentication');
  return {
    orgId: access.org.id,
    userId: access.userId,
    tier: access.tier,
    apiKeyId: request.principal.apiKey?.id ?? null,
  };
});
