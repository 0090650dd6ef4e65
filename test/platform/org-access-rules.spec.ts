import type { Principal } from '../../src/platform/auth/principal';
import { User } from '../../src/platform/auth/users/user.entity';
import { Problem } from '../../src/platform/http/problem';
import { decideOrgAccess } from '../../src/platform/tenancy/org-resolver';
import { Org } from '../../src/platform/tenancy/orgs/org.entity';

/** The guard's org decision over an already-read org and membership (auth/caller.queries). */
describe('decideOrgAccess', () => {
  const org = Object.assign(new Org(), { id: 'org-1', slug: 'guild', name: 'Guild', contexts: ['dkp'] });
  const user = Object.assign(new User(), { id: 'user-1', isPlatformAdmin: false });
  const admin = Object.assign(new User(), { id: 'admin-1', isPlatformAdmin: true });
  const asUser: Principal = { user, sessionId: 's' };
  const bot = (orgId: string): Principal => ({
    user,
    apiKey: { id: 'k', kind: 'bot', orgId, scopes: ['dkp:read'], rateLimitTier: 'standard' },
  });
  const lookup = (membership: { tier: 'member' | 'officer'; grants: never[] } | null, o: Org | null = org) => ({
    slug: 'guild',
    org: o,
    membership,
  });
  const statusOf = (fn: () => unknown): number | undefined => {
    try {
      fn();
    } catch (error) {
      return error instanceof Problem ? error.getStatus() : -1;
    }
    return undefined;
  };

  it('lets a member with the tier in, with their tier and grants', () => {
    const access = decideOrgAccess(lookup({ tier: 'officer', grants: [] }), asUser, { tier: 'member' }, 'dkp');
    expect(access).toEqual({ org, tier: 'officer', grants: [], userId: 'user-1' });
  });

  it('answers 404 alike for a missing org, a context the org does not use and a non-member', () => {
    expect(statusOf(() => decideOrgAccess(lookup(null, null), asUser, { tier: 'member' }, undefined))).toBe(404);
    expect(
      statusOf(() => decideOrgAccess(lookup({ tier: 'officer', grants: [] }), asUser, { tier: 'member' }, 'fbo')),
    ).toBe(404);
    expect(statusOf(() => decideOrgAccess(lookup(null), asUser, { tier: 'member' }, 'dkp'))).toBe(404);
  });

  it('refuses a lower tier with 403, unless a grant of the policy is held', () => {
    expect(
      statusOf(() => decideOrgAccess(lookup({ tier: 'member', grants: [] }), asUser, { tier: 'officer' }, 'dkp')),
    ).toBe(403);
    const granted = { tier: 'member' as const, grants: ['developer'] as never[] };
    const access = decideOrgAccess(lookup(granted), asUser, { tier: 'officer', orGrant: ['developer'] }, 'dkp');
    expect(access.tier).toBe('member');
  });

  it('lets bot keys into their own org only, without a tier', () => {
    expect(decideOrgAccess(lookup(null), bot('org-1'), { tier: 'member' }, 'dkp')).toEqual({
      org,
      tier: null,
      grants: [],
      userId: null,
    });
    expect(statusOf(() => decideOrgAccess(lookup(null), bot('org-2'), { tier: 'member' }, 'dkp'))).toBe(404);
  });

  it('lets a non-member platform admin in as owner, and a stranger in on openToAnyUser routes only', () => {
    expect(decideOrgAccess(lookup(null), { user: admin }, { tier: 'owner' }, 'dkp').tier).toBe('owner');
    const stranger = decideOrgAccess(lookup(null), asUser, { tier: 'member', openToAnyUser: true }, 'dkp');
    expect(stranger).toEqual({ org, tier: null, grants: [], userId: 'user-1' });
  });
});
