import { AuditedCharacter, AuditedMember, auditRoster, similarNameGroups, withinOneEdit } from './roster-audit';

const character = (name: string, extra: Partial<AuditedCharacter> = {}): AuditedCharacter => ({
  id: name.toLowerCase(),
  name,
  characterClass: 'Warrior',
  status: 'active',
  rankId: null,
  userId: 'u1',
  ...extra,
});
const member = (userId: string, extra: Partial<AuditedMember> = {}): AuditedMember => ({
  userId,
  username: userId,
  tier: 'member',
  disabled: false,
  ...extra,
});

describe('withinOneEdit', () => {
  it.each([
    ['trident', 'trident', true],
    ['trident', 'tridant', true], // changed
    ['trident', 'tridentt', true], // added
    ['trident', 'trident'.slice(1), true], // removed
    ['trident', 'tridnet', true], // swapped neighbours
    ['trident', 'tirdnet', false],
    ['trident', 'tridentxx', false],
    ['abcd', 'bacd', true],
    ['xabc', 'abcy', false],
    ['abc', 'cba', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('similarNameGroups', () => {
  it('groups near-identical names transitively, case-insensitively, sorted by name', () => {
    const names = ['Trident', 'Moonbeam', 'Tridentt', 'TRIDNET', 'Moonbeem', 'Gandalf', 'Tridenttt'];
    const groups = similarNameGroups(names.map((name) => ({ name })));
    expect(groups.map((group) => group.map((g) => g.name))).toEqual([
      ['Moonbeam', 'Moonbeem'],
      ['Trident', 'Tridentt', 'Tridenttt', 'TRIDNET'],
    ]);
  });

  it('finds nothing in a roster of distinct names', () => {
    expect(similarNameGroups(['Alpha', 'Bravo', 'Charlie'].map((name) => ({ name })))).toEqual([]);
    expect(similarNameGroups([])).toEqual([]);
  });
});

describe('auditRoster', () => {
  it('lists characters whose owner left, unless retired', () => {
    const gone = character('Gone', { userId: 'left' });
    const findings = auditRoster([gone, character('Kept', { userId: 'left', status: 'retired' })], [member('u1')]);
    expect(findings.charactersWithoutOwner).toEqual([gone]);
  });

  it('lists enabled members from trial up without a character that is not retired', () => {
    const members = [
      member('u1'),
      member('none'),
      member('retiredOnly', { tier: 'trial' }),
      member('reader', { tier: 'readonly' }),
      member('applicant', { tier: 'applicant' }),
      member('disabled', { disabled: true }),
    ];
    const characters = [character('Main'), character('Old', { userId: 'retiredOnly', status: 'retired' })];
    expect(auditRoster(characters, members).membersWithoutCharacters.map((m) => m.userId)).toEqual([
      'none',
      'retiredOnly',
    ]);
  });

  it('lists ranked characters that are inactive, retired or owned by a disabled user', () => {
    const characters = [
      character('Active', { rankId: 'r' }),
      character('Unranked', { status: 'inactive' }),
      character('Idle', { rankId: 'r', status: 'inactive' }),
      character('Gone', { rankId: 'r', status: 'retired' }),
      character('Banned', { rankId: 'r', userId: 'off' }),
    ];
    const findings = auditRoster(characters, [member('u1'), member('off', { disabled: true })]);
    expect(findings.inactiveStillRanked.map(({ character: c, reason }) => [c.name, reason])).toEqual([
      ['Idle', 'character_inactive'],
      ['Gone', 'character_retired'],
      ['Banned', 'owner_disabled'],
    ]);
  });
});
