import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../http/problem';
import { ORG_CONTEXT } from '../tenancy/org-context.decorator';
import { OrgResolver } from '../tenancy/org-resolver';
import { ACCESS_POLICY, AccessPolicy } from './access.decorator';
import { CredentialAuthenticator } from './credential-authenticator';
import { isScopeLimited } from './principal';

/**
 * The global guard. Fails closed: a route without a policy is refused, authentication is the
 * default, and an org route needs a resolved org and a sufficient tier, grant or scope.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly orgResolver: OrgResolver,
    private readonly credentials: CredentialAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} has no @Access policy; refusing`,
      );
      throw Problem.forbidden('This route has no access policy');
    }
    if (policy.public) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.credentials.authenticate(request);
    request.principal = principal;

    if (policy.platformAdmin && !principal.user.isPlatformAdmin) {
      throw Problem.forbidden('Only platform administrators may do this');
    }
    // A route listing several scopes accepts a key holding any one of them.
    if (isScopeLimited(principal) && !policy.scopes?.some((s) => principal.apiKey!.scopes.includes(s))) {
      const wanted = policy.scopes?.length ? policy.scopes.join(' or ') : '(a scoped route)';
      throw new Problem(403, `The API key lacks scope ${wanted}`, { slug: 'insufficient-scope' });
    }

    const slug = (request.params as Record<string, string> | undefined)?.org;
    if (policy.tier) {
      if (!slug) throw new Error(`Route ${context.getHandler().name} has a tier policy but no {org} parameter`);
      const orgContext = this.reflector.get<string | undefined>(ORG_CONTEXT, context.getClass());
      request.orgAccess = await this.orgResolver.resolve(slug, principal, policy, orgContext, request.prefetchedOrg);
    } else if (principal.apiKey?.kind === 'bot') {
      // Routes outside an org act as a user; a bot key is not one.
      throw Problem.forbidden('Bot keys can only call org routes');
    }
    return true;
  }
}
