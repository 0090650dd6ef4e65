import { Problem } from '../../../../platform/http/problem';

export const SQUADRON_FOCUSES = ['combat', 'exploration', 'trading', 'mining', 'security', 'support', 'mixed'] as const;
export type SquadronFocus = (typeof SQUADRON_FOCUSES)[number];

export const SQUADRON_ROLES = ['member', 'lead', 'officer', 'specialist'] as const;
export type SquadronRole = (typeof SQUADRON_ROLES)[number];

/** The squadron facts a join is decided on (read under the squadron's row lock). */
export interface SquadronSeat {
  active: boolean;
  recruiting: boolean;
  maxMembers: number | null;
  /** Active members now. */
  memberCount: number;
}

/**
 * Why a member cannot take a seat, or null. A member joining needs an active, recruiting squadron
 * with a free seat; a commander or lead adding someone skips "recruiting" (a closed squadron still
 * takes the people its leads pick) but not the rest.
 */
export function seatRefusal(squadron: SquadronSeat, by: 'self' | 'lead'): Problem | null {
  if (!squadron.active) return Problem.conflict('The squadron is inactive', 'squadron-inactive');
  if (by === 'self' && !squadron.recruiting)
    return Problem.conflict('The squadron is not recruiting', 'squadron-not-recruiting');
  if (squadron.maxMembers !== null && squadron.memberCount >= squadron.maxMembers) {
    return Problem.conflict(`The squadron is full (${squadron.maxMembers} members)`, 'squadron-full', {
      maxMembers: squadron.maxMembers,
    });
  }
  return null;
}

/** The URL slug of a squadron name: "Night Owls #2" → "night-owls-2". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'squadron';
}

/** Who manages a squadron's members: officers of the org, its commander, its leads. */
export function mayManageSquadron(actor: {
  isOfficer: boolean;
  userId: string | null;
  isCommander: boolean;
  isLead: boolean;
}): boolean {
  return actor.isOfficer || actor.userId === null || actor.isCommander || actor.isLead;
}
