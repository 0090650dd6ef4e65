import type { DomainEvent } from '../../events/domain-events';
import type { Grant, Tier } from '../tiers';
import { type JoinedVia, MEMBER_EVENT_TYPES, type MemberChangeCause } from './member-directory';

/**
 * The `platform.member.*` events, built from a change and its cause. Their subject is the user:
 * deliveries about one member of one org arrive in the order they were recorded.
 */
function memberEvent(
  orgId: string,
  userId: string,
  type: string,
  cause: MemberChangeCause,
  fields: Record<string, unknown>,
): DomainEvent {
  const payload: Record<string, unknown> = { userId, ...fields, reason: cause.reason, actorUserId: cause.actorUserId };
  if (cause.apiKeyId) payload.apiKeyId = cause.apiKeyId;
  return { orgId, type, subjectId: userId, payload };
}

export function memberJoined(
  orgId: string,
  member: { userId: string; tier: Tier; grants: Grant[] },
  via: JoinedVia,
  cause: MemberChangeCause,
): DomainEvent {
  return memberEvent(orgId, member.userId, MEMBER_EVENT_TYPES.joined, cause, {
    tier: member.tier,
    grants: member.grants,
    via,
  });
}

export function memberTierChanged(
  orgId: string,
  userId: string,
  from: Tier,
  to: Tier,
  cause: MemberChangeCause,
): DomainEvent {
  return memberEvent(orgId, userId, MEMBER_EVENT_TYPES.tierChanged, cause, { from, to });
}

export function memberGrantsChanged(
  orgId: string,
  userId: string,
  from: Grant[],
  to: Grant[],
  cause: MemberChangeCause,
): DomainEvent {
  return memberEvent(orgId, userId, MEMBER_EVENT_TYPES.grantsChanged, cause, { from, to });
}

export function memberRemoved(
  orgId: string,
  member: { userId: string; tier: Tier },
  cause: MemberChangeCause,
): DomainEvent {
  return memberEvent(orgId, member.userId, MEMBER_EVENT_TYPES.removed, cause, { tier: member.tier });
}

/** Whether two grant lists hold the same grants (order and repeats aside). */
export function sameGrants(a: Grant[], b: Grant[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((grant) => right.has(grant));
}
