import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEvents } from '../../../platform/events/domain-events';
import { findInOrg, saveUnique } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { Problem } from '../../../platform/http/problem';
import { Tier, tierAtLeast } from '../../../platform/tenancy/tiers';
import { Rank } from '../roster/rank.entity';
import { DiscordRoleMapping } from './discord-role-mapping.entity';
import { CreateDiscordRoleMappingDto, DiscordRoleMappingDto, DiscordRolesDto, RankRoleDto, UpdateDiscordRoleMappingDto } from './dto/discord-roles.dto';
import { DiscordMemberDetailDto, DiscordMemberStateDto, DiscordRosterDto } from './dto/discord-roster.dto';

interface MemberRow {
  userId: string;
  discordId: string;
  username: string;
  tier: Tier;
}

interface CharacterRow {
  userId: string;
  name: string;
  rankId: string | null;
  status: string;
  mainCharacterId: string | null;
  joinedAt: Date;
}

interface RoleConfig {
  ranks: Rank[];
  rankById: Map<string, Rank>;
  mappings: DiscordRoleMapping[];
  managedRoleIds: string[];
}

const uniqueSorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Rank order: lower sortOrder is higher; ties by name, then id, so the choice is stable. */
function compareRanks(a: Rank, b: Rank): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/**
 * Discord role authority: the app decides which managed roles each linked member should hold,
 * and the bot applies the difference.
 *
 * The rule: a member's rank roles come from their highest rank among their *active*
 * characters (one guild rank per person: an "Alt" rank on an alt never adds a second rank
 * role), i.e. that rank's own `discordRoleId` plus its extra `rank` mappings; tier roles come
 * from the `tier` mappings matching their org tier. Members without a Discord link, and
 * disabled users, are not on the roster (their managed roles should be removed).
 */
@Injectable()
export class DiscordRosterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  // ---- mappings -------------------------------------------------------------------------

  async roles(orgId: string): Promise<DiscordRolesDto> {
    const config = await this.roleConfig(this.db.manager, orgId);
    const ranks: RankRoleDto[] = config.ranks
      .filter((r) => r.discordRoleId)
      .map((r) => ({ rankId: r.id, rankName: r.name, sortOrder: r.sortOrder, discordRoleId: r.discordRoleId! }));
    return { managedRoleIds: config.managedRoleIds, ranks, mappings: config.mappings.map((m) => this.toMappingDto(m, config.rankById)) };
  }

  async listMappings(orgId: string): Promise<DiscordRoleMappingDto[]> {
    const config = await this.roleConfig(this.db.manager, orgId);
    return config.mappings.map((m) => this.toMappingDto(m, config.rankById));
  }

  async createMapping(orgId: string, dto: CreateDiscordRoleMappingDto): Promise<DiscordRoleMappingDto> {
    if (dto.kind === 'rank' && dto.tier !== undefined) throw Problem.validation([{ path: 'tier', message: 'a rank mapping has no tier' }]);
    if (dto.kind === 'tier' && dto.rankId !== undefined) throw Problem.validation([{ path: 'rankId', message: 'a tier mapping has no rank' }]);
    if (dto.kind === 'rank' && dto.andAbove) throw Problem.validation([{ path: 'andAbove', message: 'andAbove applies to tier mappings only' }]);
    return withTransaction(this.db, async (tx) => {
      const rank = dto.kind === 'rank' ? await findInOrg(tx, Rank, orgId, dto.rankId!, 'Rank') : null;
      const mapping = await saveUnique(
        tx,
        DiscordRoleMapping,
        tx.create(DiscordRoleMapping, {
          orgId,
          kind: dto.kind,
          discordRoleId: dto.discordRoleId,
          rankId: rank?.id ?? null,
          tier: dto.kind === 'tier' ? dto.tier! : null,
          andAbove: dto.kind === 'tier' ? (dto.andAbove ?? false) : false,
          label: dto.label ?? null,
        }),
        { detail: 'That Discord role is already mapped to this rank or tier', slug: 'discord-role-mapping-exists' },
      );
      await this.mappingsChanged(tx, orgId, 'created', mapping);
      return this.toMappingDto(mapping, new Map(rank ? [[rank.id, rank]] : []));
    });
  }

  async updateMapping(orgId: string, id: string, dto: UpdateDiscordRoleMappingDto): Promise<DiscordRoleMappingDto> {
    return withTransaction(this.db, async (tx) => {
      const mapping = await findInOrg(tx, DiscordRoleMapping, orgId, id, 'Discord role mapping', { lock: true });
      if (dto.andAbove && mapping.kind === 'rank') throw Problem.validation([{ path: 'andAbove', message: 'andAbove applies to tier mappings only' }]);
      if (dto.discordRoleId !== undefined) mapping.discordRoleId = dto.discordRoleId;
      if (dto.andAbove !== undefined) mapping.andAbove = dto.andAbove;
      if (dto.label !== undefined) mapping.label = dto.label;
      const saved = await saveUnique(tx, DiscordRoleMapping, mapping, { detail: 'That Discord role is already mapped to this rank or tier', slug: 'discord-role-mapping-exists' });
      await this.mappingsChanged(tx, orgId, 'updated', saved);
      const rank = saved.rankId ? await tx.findOneBy(Rank, { id: saved.rankId }) : null;
      return this.toMappingDto(saved, new Map(rank ? [[rank.id, rank]] : []));
    });
  }

  async removeMapping(orgId: string, id: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const mapping = await findInOrg(tx, DiscordRoleMapping, orgId, id, 'Discord role mapping', { lock: true });
      await tx.delete(DiscordRoleMapping, { id: mapping.id });
      await this.mappingsChanged(tx, orgId, 'deleted', mapping);
    });
  }

  // ---- desired state --------------------------------------------------------------------

  async roster(orgId: string): Promise<DiscordRosterDto> {
    const config = await this.roleConfig(this.db.manager, orgId);
    const members = await this.desiredStates(orgId, config);
    const rosterVersion = createHash('sha256')
      .update(JSON.stringify({ managed: config.managedRoleIds, members: members.map((m) => [m.userId, m.discordId, m.username, m.tier, m.mainCharacterName, m.rankId, m.rankName, m.roles]) }))
      .digest('base64url')
      .slice(0, 27);
    return { rosterVersion, managedRoleIds: config.managedRoleIds, members, generatedAt: new Date() };
  }

  async member(orgId: string, discordId: string): Promise<DiscordMemberDetailDto> {
    const config = await this.roleConfig(this.db.manager, orgId);
    const [state] = await this.desiredStates(orgId, config, discordId);
    if (!state) throw Problem.notFound('Member with that Discord id');
    return { ...state, managedRoleIds: config.managedRoleIds };
  }

  private async desiredStates(orgId: string, config: RoleConfig, discordId?: string): Promise<DiscordMemberStateDto[]> {
    const params: unknown[] = [orgId];
    let filter = '';
    if (discordId !== undefined) {
      params.push(discordId);
      filter = 'AND u.discord_id = $2';
    }
    const members: MemberRow[] = await this.db.query(
      `SELECT m.user_id AS "userId", u.discord_id AS "discordId", u.username, m.tier
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = $1 AND u.discord_id IS NOT NULL AND u.disabled_at IS NULL ${filter}
        ORDER BY u.username`,
      params,
    );
    if (!members.length) return [];
    const characters: CharacterRow[] = await this.db.query(
      `SELECT c.user_id AS "userId", c.name, c.rank_id AS "rankId", c.status, c.main_character_id AS "mainCharacterId", c.joined_at AS "joinedAt"
         FROM dkp_characters c
        WHERE c.org_id = $1 AND c.user_id = ANY($2::uuid[])`,
      [orgId, members.map((m) => m.userId)],
    );
    const byUser = new Map<string, CharacterRow[]>();
    for (const c of characters) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c]);
    return members.map((m) => this.desiredState(m, byUser.get(m.userId) ?? [], config));
  }

  private desiredState(member: MemberRow, characters: CharacterRow[], config: RoleConfig): DiscordMemberStateDto {
    const activeRanks = characters
      .filter((c) => c.status === 'active' && c.rankId && config.rankById.has(c.rankId))
      .map((c) => config.rankById.get(c.rankId!)!)
      .sort(compareRanks);
    const rank = activeRanks[0] ?? null;
    const roles: string[] = [];
    if (rank?.discordRoleId) roles.push(rank.discordRoleId);
    for (const m of config.mappings) {
      if (m.kind === 'rank' && rank && m.rankId === rank.id) roles.push(m.discordRoleId);
      if (m.kind === 'tier' && m.tier && (member.tier === m.tier || (m.andAbove && tierAtLeast(member.tier, m.tier)))) roles.push(m.discordRoleId);
    }
    return {
      userId: member.userId,
      discordId: member.discordId,
      username: member.username,
      tier: member.tier,
      mainCharacterName: this.mainCharacter(characters, config)?.name ?? null,
      rankId: rank?.id ?? null,
      rankName: rank?.name ?? null,
      roles: uniqueSorted(roles),
    };
  }

  /** Mains before alts, active before not, higher rank first, then the longest-serving. */
  private mainCharacter(characters: CharacterRow[], config: RoleConfig): CharacterRow | undefined {
    const rankOrder = (c: CharacterRow): number => (c.rankId ? config.rankById.get(c.rankId)?.sortOrder : undefined) ?? Number.MAX_SAFE_INTEGER;
    return [...characters].sort(
      (a, b) =>
        Number(a.mainCharacterId !== null) - Number(b.mainCharacterId !== null) ||
        Number(a.status !== 'active') - Number(b.status !== 'active') ||
        rankOrder(a) - rankOrder(b) ||
        new Date(a.joinedAt).getTime() - new Date(b.joinedAt).getTime() ||
        a.name.localeCompare(b.name),
    )[0];
  }

  private async roleConfig(manager: EntityManager, orgId: string): Promise<RoleConfig> {
    const [ranks, mappings] = await Promise.all([
      manager.find(Rank, { where: { orgId } }),
      manager.find(DiscordRoleMapping, { where: { orgId }, order: { kind: 'ASC', createdAt: 'ASC', id: 'ASC' } }),
    ]);
    ranks.sort(compareRanks);
    const managed = [...ranks.map((r) => r.discordRoleId).filter((id): id is string => Boolean(id)), ...mappings.map((m) => m.discordRoleId)];
    return { ranks, rankById: new Map(ranks.map((r) => [r.id, r])), mappings, managedRoleIds: uniqueSorted(managed) };
  }

  private toMappingDto(m: DiscordRoleMapping, rankById: Map<string, Rank>): DiscordRoleMappingDto {
    return {
      id: m.id,
      kind: m.kind,
      discordRoleId: m.discordRoleId,
      rankId: m.rankId,
      rankName: m.rankId ? (rankById.get(m.rankId)?.name ?? null) : null,
      tier: m.tier,
      andAbove: m.andAbove,
      label: m.label,
      createdAt: m.createdAt,
    };
  }

  private mappingsChanged(tx: EntityManager, orgId: string, change: 'created' | 'updated' | 'deleted', m: DiscordRoleMapping): Promise<void> {
    return this.events.record(tx, {
      orgId,
      type: 'dkp.roles.mapping_changed',
      payload: { change, mappingId: m.id, kind: m.kind, discordRoleId: m.discordRoleId, rankId: m.rankId, tier: m.tier, andAbove: m.andAbove },
    });
  }
}
