import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ORG_CONTEXT } from '../tenancy/org-context.decorator';
import { OrgResolver } from '../tenancy/org-resolver';

/**
 * Resolves the org of an `Access.publicOrg()` route for an anonymous caller: 404 unless its public
 * site is on and the route's context enabled. Applied by the decorator, so it runs after the
 * global guards: the access guard lets the route through without a credential, and the rate
 * limiter counts the request (refused slugs included) before the org is looked up.
 */
@Injectable()
export class PublicOrgGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly orgResolver: OrgResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const slug = (request.params as Record<string, string> | undefined)?.org;
    if (!slug) throw new Error(`Route ${context.getHandler().name} is a public org route but has no {org} parameter`);
    const orgContext = this.reflector.get<string | undefined>(ORG_CONTEXT, context.getClass());
    request.orgAccess = await this.orgResolver.resolvePublic(slug, orgContext);
    return true;
  }
}
