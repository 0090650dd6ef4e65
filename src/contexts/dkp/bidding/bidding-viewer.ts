import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../platform/tenancy/tiers';

/** Who is asking: officers and bots see sealed bids and may act for others. */
export interface BiddingViewer {
  userId: string | null;
  privileged: boolean;
}

/** Bot keys (no user) run auctions like officers; a null tier with a user is a stranger, never privileged. */
export function viewerOf(access: OrgAccess): BiddingViewer {
  const privileged = access.userId === null || (access.tier !== null && tierAtLeast(access.tier, 'officer'));
  return { userId: access.userId, privileged };
}

/** The view the system itself takes (closing, awarding): everything. */
export const SYSTEM_VIEWER: BiddingViewer = { userId: null, privileged: true };
