import type { MemberSummary } from '../../../../platform/tenancy/members/member-directory';
import type { Tier } from '../../../../platform/tenancy/tiers';

/** What a member list may be narrowed by (the rank filter is applied by choosing `userIds` first). */
export interface MemberListFilter {
  tier?: Tier;
  search?: string;
  /** After this username (the keyset cursor). */
  afterUsername?: string;
}

/** The name a member is shown by: the profile's, else the account's, else the username. */
export function shownName(
  member: Pick<MemberSummary, 'username' | 'displayName'>,
  profileName?: string | null,
): string {
  return profileName ?? member.displayName ?? member.username;
}

/**
 * One page of members by username from the org's member summaries (already in username order),
 * filtered by tier and by a case-insensitive search of the username and both display names.
 * Returns one member more than `limit` when there is a next page, like the SQL lists.
 */
export function filterMembers<M extends MemberSummary>(
  members: readonly M[],
  filter: MemberListFilter,
  profileNames: ReadonlyMap<string, string | null>,
  limit: number,
): M[] {
  const needle = filter.search?.toLowerCase();
  const out: M[] = [];
  for (const member of members) {
    if (filter.afterUsername !== undefined && member.username <= filter.afterUsername) continue;
    if (filter.tier && member.tier !== filter.tier) continue;
    if (needle) {
      const names = [member.username, member.displayName, profileNames.get(member.id)];
      if (!names.some((name) => name?.toLowerCase().includes(needle))) continue;
    }
    out.push(member);
    if (out.length > limit) break;
  }
  return out;
}
