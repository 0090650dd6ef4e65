import { Problem } from '../../http/problem';
import type { OrgAccess } from '../org-access';
import { Tier, tierAtLeast } from '../tiers';

/**
 * Nobody can raise anyone (themselves included) above their own tier, nor change a member who
 * ranks above them. Platform admins and bot keys are not members; only the former reach here
 * with a tier (owner).
 */
export function assertMayAssign(actor: Pick<OrgAccess, 'tier'>, tier: Tier): void {
  if (!actor.tier || !tierAtLeast(actor.tier, tier)) {
    throw new Problem(403, `You cannot grant the ${tier} tier, which is above your own (${actor.tier ?? 'none'})`, {
      slug: 'tier-above-own',
    });
  }
}

/** The one rule for changing another member: the actor's tier is at least the target's (equal allowed). */
export function assertMayManage(actor: Pick<OrgAccess, 'tier'>, target: Tier): void {
  if (!actor.tier || !tierAtLeast(actor.tier, target)) {
    throw new Problem(403, `You cannot change a member whose tier (${target}) is above your own`, {
      slug: 'tier-above-own',
    });
  }
}
