import { tierAtLeast, type Tier } from '../../../platform/tenancy/tiers';
import type { CharacterRoleRow } from '../roster/characters.repository';
import type { Rank } from '../roster/rank.entity';
import type { DiscordRoleMapping } from './discord-role-mapping.entity';
import type { DiscordMemberStateDto } from './dto/discord-roster.dto';

/** The org's managed roles: the ranks' own roles and the extra mappings. */
export interface RoleConfig {
  ranks: Rank[];
  rankById: Map<string, Rank>;
  mappings: DiscordRoleMapping[];
  managedRoleIds: string[];
}

/** A member linked to Discord, with the tier that decides their tier roles. */
export interface LinkedMember {
  userId: string;
  discordId: string;
  username: string;
  tier: Tier;
}

export const uniqueSorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Rank order: lower sortOrder is higher; ties by name, then id, so the choice is stable. */
export function compareRanks(a: Rank, b: Rank): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

export function roleConfigOf(ranks: Rank[], mappings: DiscordRoleMapping[]): RoleConfig {
  const sorted = [...ranks].sort(compareRanks);
  const managed = [
    ...sorted.map((r) => r.discordRoleId).filter((id): id is string => Boolean(id)),
    ...mappings.map((m) => m.discordRoleId),
  ];
  return {
    ranks: sorted,
    rankById: new Map(sorted.map((r) => [r.id, r])),
    mappings,
    managedRoleIds: uniqueSorted(managed),
  };
}

/**
 * The rule: a member's rank roles come from their highest rank among their *active*
 * characters (one guild rank per person: an "Alt" rank on an alt never adds a second rank
 * role), i.e. that rank's own `discordRoleId` plus its extra `rank` mappings; tier roles come
 * from the `tier` mappings matching their org tier.
 */
export function desiredState(
  member: LinkedMember,
  characters: CharacterRoleRow[],
  config: RoleConfig,
): DiscordMemberStateDto {
  const activeRanks = characters
    .filter((c) => c.status === 'active' && c.rankId && config.rankById.has(c.rankId))
    .map((c) => config.rankById.get(c.rankId!)!)
    .sort(compareRanks);
  const rank = activeRanks[0] ?? null;
  const roles: string[] = [];
  if (rank?.discordRoleId) roles.push(rank.discordRoleId);
  for (const mapping of config.mappings) {
    if (mapping.kind === 'rank' && rank && mapping.rankId === rank.id) roles.push(mapping.discordRoleId);
    if (
      mapping.kind === 'tier' &&
      mapping.tier &&
      (member.tier === mapping.tier || (mapping.andAbove && tierAtLeast(member.tier, mapping.tier)))
    )
      roles.push(mapping.discordRoleId);
  }
  return {
    userId: member.userId,
    discordId: member.discordId,
    username: member.username,
    tier: member.tier,
    mainCharacterName: mainCharacter(characters, config)?.name ?? null,
    rankId: rank?.id ?? null,
    rankName: rank?.name ?? null,
    roles: uniqueSorted(roles),
  };
}

/** Mains before alts, active before not, higher rank first, then the longest-serving. */
export function mainCharacter(characters: CharacterRoleRow[], config: RoleConfig): CharacterRoleRow | undefined {
  const rankOrder = (c: CharacterRoleRow): number =>
    (c.rankId ? config.rankById.get(c.rankId)?.sortOrder : undefined) ?? Number.MAX_SAFE_INTEGER;
  return [...characters].sort(
    (a, b) =>
      Number(a.mainCharacterId !== null) - Number(b.mainCharacterId !== null) ||
      Number(a.status !== 'active') - Number(b.status !== 'active') ||
      rankOrder(a) - rankOrder(b) ||
      new Date(a.joinedAt).getTime() - new Date(b.joinedAt).getTime() ||
      a.name.localeCompare(b.name),
  )[0];
}
