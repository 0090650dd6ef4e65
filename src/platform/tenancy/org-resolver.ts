import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AccessPolicy } from '../auth/access.decorator';
import type { OrgLookup } from '../auth/caller.queries';
import type { Principal } from '../auth/principal';
import { Problem } from '../http/problem';
import { SLUG_PATTERN } from './dto/org.dto';
import { Membership } from './members/membership.entity';
import type { OrgAccess } from './org-access';
import { Org } from './orgs/org.entity';
import { tierAtLeast } from './tiers';

/** Same answer for "no such org", "not a member" and "context off": existence must not leak. */
const notFound = () => Problem.notFound('Organization');

/**
 * Decides, per request and without caching (a demotion applies at once), whether the caller may
 * use an org route: the org must exist and have the route's context enabled, the caller must
 * be a member (or a bot key of that org), and their tier or grants must satisfy the policy.
 * Routes with `openToAnyUser` also let in authenticated non-members, with a null tier.
 *
 * The org and membership normally come prefetched with the caller's credential (one statement
 * per request, see auth/caller.queries); they are read here only when they were not.
 */
@Injectable()
export class OrgResolver {
  constructor(
    @InjectRepository(Org) private readonly orgs: Repository<Org>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  async resolve(
    slug: string,
    principal: Principal,
    policy: AccessPolicy,
    context: string | undefined,
    prefetched?: OrgLookup,
  ): Promise<OrgAccess> {
    const lookup = prefetched?.slug === slug.toLowerCase() ? prefetched : await this.lookup(slug, principal);
    return decideOrgAccess(lookup, principal, policy, context);
  }

  /**
   * The org of a public route (`Access.publicOrg()`), for a caller without a credential. Read
   * here: the caller statement prefetches only with a credential.
   */
  async resolvePublic(slug: string, context: string | undefined): Promise<OrgAccess> {
    const lower = slug.toLowerCase();
    const org = SLUG_PATTERN.test(lower) ? await this.orgs.findOne({ where: { slug: lower } }) : null;
    return decidePublicOrgAccess(org, context);
  }

  private async lookup(slug: string, principal: Principal): Promise<OrgLookup> {
    // A slug no org can have is not looked up (Postgres refuses some bytes, NUL among them, in text).
    const possible = SLUG_PATTERN.test(slug.toLowerCase());
    const org = possible ? await this.orgs.findOne({ where: { slug: slug.toLowerCase() } }) : null;
    const membership = org
      ? await this.memberships.findOne({ where: { orgId: org.id, userId: principal.user.id } })
      : null;
    return { slug: slug.toLowerCase(), org, membership };
  }
}

/** The access rules over an org lookup: pure, so the guard's decision is the same however the rows were read. */
export function decideOrgAccess(
  { org, membership }: OrgLookup,
  principal: Principal,
  policy: AccessPolicy,
  context: string | undefined,
): OrgAccess {
  if (!org || (context && !org.contexts.includes(context))) throw notFound();

  if (principal.apiKey?.kind === 'bot') {
    // Bot keys act for their own org only, with the powers of their scopes (checked earlier).
    if (principal.apiKey.orgId !== org.id) throw notFound();
    return { org, tier: null, grants: [], userId: null };
  }

  if (!membership) {
    if (principal.user.isPlatformAdmin) return { org, tier: 'owner', grants: [], userId: principal.user.id };
    // The only way in for a non-member: a route that says so (e.g. applying to join).
    if (policy.openToAnyUser === true) return { org, tier: null, grants: [], userId: principal.user.id };
    throw notFound();
  }
  if (
    policy.tier &&
    !tierAtLeast(membership.tier, policy.tier) &&
    !policy.orGrant?.some((g) => membership.grants.includes(g))
  ) {
    const grants = policy.orGrant?.length ? ` or the ${policy.orGrant.join('/')} grant` : '';
    throw new Problem(403, `This needs the ${policy.tier} tier${grants}; you are ${membership.tier}`, {
      slug: 'insufficient-tier',
    });
  }
  return { org, tier: membership.tier, grants: membership.grants, userId: principal.user.id };
}

/**
 * A public route's org: only one whose public site is on and that has the route's context
 * enabled; any other answer is the same 404 as "no such org". The caller is nobody: no tier,
 * no grants, no user.
 */
export function decidePublicOrgAccess(org: Org | null, context: string | undefined): OrgAccess {
  if (!org || org.publicSite !== true || (context && !org.contexts.includes(context))) throw notFound();
  return { org, tier: null, grants: [], userId: null };
}
