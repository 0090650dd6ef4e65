import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import type { OrgAccess } from '../tenancy/org-access';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access guard on authenticated routes. */
    principal?: Principal;
    /** Set by the access guard on org routes: the org and the caller's standing in it. */
    orgAccess?: OrgAccess;
  }
}

function request(ctx: ExecutionContext): FastifyRequest {
  return ctx.switchToHttp().getRequest<FastifyRequest>();
}

/** The authenticated caller. Only on routes whose policy is not public. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = request(ctx).principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** The resolved org and the caller's tier in it. Only on org routes. */
export const CurrentOrg = createParamDecorator((_: unknown, ctx: ExecutionContext): OrgAccess => {
  const access = request(ctx).orgAccess;
  if (!access) throw new Error('CurrentOrg used on a route without an {org} parameter');
  return access;
});
