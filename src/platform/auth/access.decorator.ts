import { applyDecorators, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiExtension, ApiParam, ApiSecurity } from '@nestjs/swagger';
import { ApiProblem } from '../http/api-problem.decorator';
import type { Grant, Tier } from '../tenancy/tiers';
import { PublicOrgGuard } from './public-org.guard';

export const ACCESS_POLICY = 'qm:access-policy';

/**
 * Who may call a route. Every route declares one (the guard refuses routes without); the policy
 * is also published in the OpenAPI operation as `x-access`.
 *
 * - `public`: no credential needed.
 * - `public` with `publicSite`: an org route (`/orgs/{org}/...`) anyone may read without a
 *   credential, but only when the org has switched its public site on and enabled the route's
 *   context; otherwise 404, as for an org that does not exist. Counted in their own, stricter
 *   per-IP rate-limit bucket. Declared with `Access.publicOrg()`.
 * - no `tier`: any authenticated user (routes outside an org, like `/me`).
 * - `tier`: an org route (`/orgs/{org}/...`); the caller's membership must be at least `tier`,
 *   or hold one of the `orGrant` grants.
 * - `scopes`: what an API key limited to scopes (every bot key) must carry: any one of them. A
 *   scope-limited key can call only routes that list scopes.
 * - `platformAdmin`: only platform administrators.
 * - `openToAnyUser`: with `tier`, an org route that any authenticated user may call, member of
 *   the org or not (e.g. applying to join it). The org must still exist and have the route's
 *   context enabled; members must still meet `tier`; a non-member gets through with
 *   `OrgAccess.tier` null and their `userId`. Bot keys are unaffected: only their own org, and
 *   only with the route's scopes. Handlers must treat a null tier with a userId as "stranger".
 */
export interface AccessPolicy {
  public?: true;
  publicSite?: true;
  tier?: Tier;
  orGrant?: Grant[];
  scopes?: string[];
  platformAdmin?: true;
  openToAnyUser?: true;
}

interface AccessDecorator {
  (policy: Omit<AccessPolicy, 'public' | 'orGrant'> & { orGrant?: Grant | Grant[] }): MethodDecorator & ClassDecorator;
  public(): MethodDecorator & ClassDecorator;
  publicOrg(): MethodDecorator & ClassDecorator;
}

function describe(policy: AccessPolicy): MethodDecorator & ClassDecorator {
  const decorators = [
    SetMetadata(ACCESS_POLICY, policy),
    ApiExtension('x-access', policy),
    ApiProblem(400, 'Invalid input (problem+json with errors[])'),
    ApiProblem(429, 'Rate limit exceeded'),
  ];
  if (!policy.public) {
    decorators.push(
      ApiBearerAuth('bearer'),
      ApiSecurity('apiKey'),
      ApiProblem(401, 'Missing, invalid, expired or revoked credential'),
      ApiProblem(403, 'Credential lacks the tier, grant or scope this route requires'),
    );
  }
  if (policy.publicSite) {
    decorators.push(
      // A route guard runs after the global ones, so the public rate limit counts before the org is looked up.
      UseGuards(PublicOrgGuard),
      ApiParam({ name: 'org', description: 'Org slug', schema: { type: 'string' } }),
      ApiProblem(404, "No such org, or its public site is off, or the route's context is not enabled for it"),
    );
  }
  if (policy.tier) {
    decorators.push(
      ApiParam({ name: 'org', description: 'Org slug', schema: { type: 'string' } }),
      ApiProblem(404, 'No such org for this caller, or no such resource in it'),
    );
  }
  return applyDecorators(...decorators);
}

export const Access: AccessDecorator = Object.assign(
  (policy: Omit<AccessPolicy, 'public' | 'orGrant'> & { orGrant?: Grant | Grant[] }) => {
    const { orGrant, ...rest } = policy;
    if (rest.openToAnyUser && !rest.tier)
      throw new Error('openToAnyUser applies to org routes: give it a tier for members');
    const normalized: AccessPolicy = { ...rest };
    if (orGrant) normalized.orGrant = Array.isArray(orGrant) ? orGrant : [orGrant];
    return describe(normalized);
  },
  {
    public: () => describe({ public: true }),
    publicOrg: () => describe({ public: true, publicSite: true }),
  },
);

const reflector = new Reflector();

/** The route's access policy (the rate limiter picks the public-org bucket by it). */
export function accessPolicyOf(context: ExecutionContext): AccessPolicy | undefined {
  return reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
    context.getHandler(),
    context.getClass(),
  ]);
}
