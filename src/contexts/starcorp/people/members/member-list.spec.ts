import type { MemberSummary } from '../../../../platform/tenancy/members/member-directory';
import { filterMembers, shownName } from './member-list';

const member = (username: string, tier: MemberSummary['tier'], displayName: string | null = null): MemberSummary => ({
  id: `id-${username}`,
  username,
  displayName,
  discordId: null,
  tier,
  grants: [],
  joinedAt: new Date(0),
});

describe('member list rules', () => {
  const members = [
    member('alice', 'officer'),
    member('bob', 'member', 'Bobby'),
    member('carol', 'member'),
    member('dave', 'guest'),
  ];

  it('shows the profile name, else the account name, else the username', () => {
    expect(shownName(member('x', 'member', 'Account'), 'Profile')).toBe('Profile');
    expect(shownName(member('x', 'member', 'Account'), null)).toBe('Account');
    expect(shownName(member('x', 'member'))).toBe('x');
  });

  it('filters by tier and continues after the cursor username', () => {
    const page = filterMembers(members, { tier: 'member', afterUsername: 'bob' }, new Map(), 10);
    expect(page.map((m) => m.username)).toEqual(['carol']);
  });

  it('searches usernames, account names and profile names, case-insensitively', () => {
    const profiles = new Map([['id-dave', 'Star Dancer']]);
    expect(filterMembers(members, { search: 'BOBB' }, profiles, 10).map((m) => m.username)).toEqual(['bob']);
    expect(filterMembers(members, { search: 'dancer' }, profiles, 10).map((m) => m.username)).toEqual(['dave']);
  });

  it('returns one member more than the page when there is a next page', () => {
    expect(filterMembers(members, {}, new Map(), 2)).toHaveLength(3);
    expect(filterMembers(members, {}, new Map(), 4)).toHaveLength(4);
  });
});
