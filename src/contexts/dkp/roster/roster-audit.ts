import { tierAtLeast, type Tier } from '../../../platform/tenancy/tiers';

/**
 * The roster audit's rules (`GET dkp/roster-audit`), pure so they are tested without a database:
 * what an officer should look at, each finding with what to do about it.
 */

/** A roster character as the audit sees it. */
export interface AuditedCharacter {
  id: string;
  name: string;
  characterClass: string;
  status: 'active' | 'inactive' | 'retired';
  rankId: string | null;
  userId: string;
}

/** A member of the org as the audit sees it. */
export interface AuditedMember {
  userId: string;
  username: string;
  tier: Tier;
  /** The user's account is disabled (cannot log in, holds no Discord roles). */
  disabled: boolean;
}

/** Why a ranked character is listed under `inactiveStillRanked`. */
export type InactiveRankReason = 'character_inactive' | 'character_retired' | 'owner_disabled';

export interface RosterFindings {
  /** Characters (not retired) whose owner is no longer a member: reassign or retire them. */
  charactersWithoutOwner: AuditedCharacter[];
  /** Guild members (trial and up, enabled) without an active or inactive character. */
  membersWithoutCharacters: AuditedMember[];
  /** Groups of names one edit apart ("Trident", "Tridnet", "Tridentt"): likely typos or duplicates. */
  nameClashes: AuditedCharacter[][];
  /** Ranked characters that are inactive, retired, or owned by a disabled user: their rank still grants a Discord role. */
  inactiveStillRanked: { character: AuditedCharacter; reason: InactiveRankReason }[];
}

/** Members below trial (readonly, applicants, guests) are not expected to have characters. */
export const ROSTER_MIN_TIER: Tier = 'trial';

export function auditRoster(characters: AuditedCharacter[], members: AuditedMember[]): RosterFindings {
  const memberById = new Map(members.map((m) => [m.userId, m]));
  const withCharacter = new Set(characters.filter((c) => c.status !== 'retired').map((c) => c.userId));
  return {
    charactersWithoutOwner: characters.filter((c) => c.status !== 'retired' && !memberById.has(c.userId)),
    membersWithoutCharacters: members.filter(
      (m) => !m.disabled && tierAtLeast(m.tier, ROSTER_MIN_TIER) && !withCharacter.has(m.userId),
    ),
    nameClashes: similarNameGroups(characters),
    inactiveStillRanked: characters.flatMap((character) => {
      const reason = inactiveRankReason(character, memberById.get(character.userId));
      return reason ? [{ character, reason }] : [];
    }),
  };
}

function inactiveRankReason(character: AuditedCharacter, owner?: AuditedMember): InactiveRankReason | null {
  if (!character.rankId) return null;
  if (character.status === 'inactive') return 'character_inactive';
  if (character.status === 'retired') return 'character_retired';
  return owner?.disabled ? 'owner_disabled' : null;
}

/**
 * Groups names within one edit (a letter changed, added, removed, or two neighbours swapped),
 * case-insensitively. Names equal but for case cannot both be on a roster (a unique index), so
 * every clash here is a near-miss. Candidates come from shared one-letter deletions, which every
 * pair one edit apart has, so the roster is never compared pair by pair.
 */
export function similarNameGroups<T extends { name: string }>(items: T[]): T[][] {
  const keys = items.map((item) => item.name.toLowerCase());
  const byDeletion = new Map<string, number[]>();
  keys.forEach((key, index) => {
    for (const variant of new Set([key, ...deletions(key)])) {
      const indexes = byDeletion.get(variant);
      if (indexes) indexes.push(index);
      else byDeletion.set(variant, [index]);
    }
  });
  const groups = new UnionFind(items.length);
  for (const indexes of byDeletion.values()) {
    for (let i = 0; i < indexes.length; i++) {
      for (let j = i + 1; j < indexes.length; j++) {
        const [a, b] = [indexes[i], indexes[j]];
        if (withinOneEdit(keys[a], keys[b])) groups.union(a, b);
      }
    }
  }
  return groups
    .sets()
    .filter((set) => set.length > 1)
    .map((set) => set.map((index) => items[index]).sort((x, y) => x.name.localeCompare(y.name)))
    .sort((x, y) => x[0].name.localeCompare(y[0].name));
}

function deletions(key: string): string[] {
  return [...key].map((_, i) => key.slice(0, i) + key.slice(i + 1));
}

/** Optimal-string-alignment distance <= 1, in one pass. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return a.slice(i + 1) === b.slice(i + 1) || swapped;
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.slice(i) === longer.slice(i + 1);
}

class UnionFind {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }

  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }

  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }

  sets(): number[][] {
    const sets = new Map<number, number[]>();
    this.parent.forEach((_, i) => {
      const root = this.find(i);
      const set = sets.get(root);
      if (set) set.push(i);
      else sets.set(root, [i]);
    });
    return [...sets.values()];
  }
}
