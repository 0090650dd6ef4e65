/**
 * The role ladder, highest first. Each tier includes every power of the tiers below it.
 * ProjectMeats' manager maps to officer and user to member; EQ DKP's tiers map directly.
 */
export const TIERS = ['owner', 'admin', 'officer', 'member', 'trial', 'readonly', 'applicant', 'guest'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Narrow powers granted beside the tier, without raising it (a recruiter who is only a member).
 * Contexts add theirs here, so that every grant is one documented enum in the contract.
 */
export const GRANTS = ['recruiter', 'developer', 'dispatcher', 'treasurer'] as const;
export type Grant = (typeof GRANTS)[number];

const RANK: Record<Tier, number> = Object.fromEntries(TIERS.map((t, i) => [t, TIERS.length - i])) as Record<Tier, number>;

export function tierRank(tier: Tier): number {
  return RANK[tier];
}

export function tierAtLeast(tier: Tier, required: Tier): boolean {
  return RANK[tier] >= RANK[required];
}
