import type { Grant, Tier } from '../tiers';

/** Who or what caused a membership change; it goes into the `platform.member.*` event. */
export interface MemberChangeCause {
  /** Null for jobs and bot keys. */
  actorUserId: string | null;
  apiKeyId?: string | null;
  /** Why, as a dotted name: `dkp.application.approved`, `dkp.trial.promoted`, `platform.members.update`. */
  reason: string;
}

/** What contexts may know of a user: enough to name them and find them on Discord. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string | null;
  discordId: string | null;
}

/** A member to mail (see `MembersService.mailRecipients`). */
export interface MailRecipient {
  userId: string;
  username: string;
  displayName: string | null;
  email: string;
}

/** A user and their standing in one org. */
export interface MemberSummary extends UserSummary {
  tier: Tier;
  grants: Grant[];
  joinedAt: Date;
}

/** Which members `MembersService.memberSummaries` returns (all of the org's when empty). */
export interface MemberSummaryFilter {
  userIds?: string[];
  /** Only members at this tier or above. */
  minTier?: Tier;
  /** Leave out disabled users (who cannot log in and hold no roles). */
  activeOnly?: boolean;
}

/** How a member joined, in `platform.member.joined`. */
export type JoinedVia = 'invitation' | 'added' | 'context';

/** The membership event types, for webhook subscriptions and the event catalogue. */
export const MEMBER_EVENT_TYPES = {
  joined: 'platform.member.joined',
  tierChanged: 'platform.member.tier_changed',
  grantsChanged: 'platform.member.grants_changed',
  removed: 'platform.member.removed',
} as const;
