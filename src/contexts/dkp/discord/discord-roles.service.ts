import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '../../../platform/events/domain-events';
import { Problem } from '../../../platform/http/problem';
import type { Rank } from '../roster/rank.entity';
import { RanksService } from '../roster/ranks.service';
import { roleConfigOf, type RoleConfig } from './desired-roles';
import { DiscordRoleMapping } from './discord-role-mapping.entity';
import {
  CreateDiscordRoleMappingDto,
  DiscordRoleMappingDto,
  DiscordRolesDto,
  RankRoleDto,
  UpdateDiscordRoleMappingDto,
} from './dto/discord-roles.dto';
import { DiscordRoleMappingsRepository } from './role-mappings.repository';

function toMappingDto(mapping: DiscordRoleMapping, rankById: Map<string, Rank>): DiscordRoleMappingDto {
  return {
    id: mapping.id,
    kind: mapping.kind,
    discordRoleId: mapping.discordRoleId,
    rankId: mapping.rankId,
    rankName: mapping.rankId ? (rankById.get(mapping.rankId)?.name ?? null) : null,
    tier: mapping.tier,
    andAbove: mapping.andAbove,
    label: mapping.label,
    createdAt: mapping.createdAt,
  };
}

/** A rank mapping has a rank and no tier; a tier mapping a tier and no rank; `andAbove` is for tiers. */
function assertMappingShape(dto: CreateDiscordRoleMappingDto): void {
  if (dto.kind === 'rank' && dto.tier !== undefined)
    throw Problem.validation([{ path: 'tier', message: 'a rank mapping has no tier' }]);
  if (dto.kind === 'tier' && dto.rankId !== undefined)
    throw Problem.validation([{ path: 'rankId', message: 'a tier mapping has no rank' }]);
  if (dto.kind === 'rank' && dto.andAbove)
    throw Problem.validation([{ path: 'andAbove', message: 'andAbove applies to tier mappings only' }]);
}

/**
 * The managed Discord roles of an org: each rank's own role (set on the rank) and the extra
 * mappings per rank or tier. Every mapping change is announced (`dkp.roles.mapping_changed`).
 */
@Injectable()
export class DiscordRolesService {
  constructor(
    private readonly mappings: DiscordRoleMappingsRepository,
    private readonly ranks: RanksService,
    private readonly events: DomainEvents,
  ) {}

  /** The ranks and mappings that decide who holds which managed role. */
  async roleConfig(orgId: string): Promise<RoleConfig> {
    const [ranks, mappings] = await Promise.all([this.ranks.ofOrg(orgId), this.mappings.ofOrg(orgId)]);
    return roleConfigOf(ranks, mappings);
  }

  async roles(orgId: string): Promise<DiscordRolesDto> {
    const config = await this.roleConfig(orgId);
    const ranks: RankRoleDto[] = config.ranks
      .filter((r) => r.discordRoleId)
      .map((r) => ({ rankId: r.id, rankName: r.name, sortOrder: r.sortOrder, discordRoleId: r.discordRoleId! }));
    return {
      managedRoleIds: config.managedRoleIds,
      ranks,
      mappings: config.mappings.map((m) => toMappingDto(m, config.rankById)),
    };
  }

  async listMappings(orgId: string): Promise<DiscordRoleMappingDto[]> {
    const config = await this.roleConfig(orgId);
    return config.mappings.map((m) => toMappingDto(m, config.rankById));
  }

  async createMapping(orgId: string, dto: CreateDiscordRoleMappingDto): Promise<DiscordRoleMappingDto> {
    assertMappingShape(dto);
    return this.mappings.transaction(async (tx) => {
      const rank = dto.kind === 'rank' ? await this.ranks.inOrg(tx, orgId, dto.rankId!) : null;
      const mapping = await this.mappings.save(
        tx,
        this.mappings.build(tx, {
          orgId,
          kind: dto.kind,
          discordRoleId: dto.discordRoleId,
          rankId: rank?.id ?? null,
          tier: dto.kind === 'tier' ? dto.tier! : null,
          andAbove: dto.kind === 'tier' ? (dto.andAbove ?? false) : false,
          label: dto.label ?? null,
        }),
      );
      await this.mappingsChanged(tx, orgId, 'created', mapping);
      return toMappingDto(mapping, new Map(rank ? [[rank.id, rank]] : []));
    });
  }

  async updateMapping(orgId: string, id: string, dto: UpdateDiscordRoleMappingDto): Promise<DiscordRoleMappingDto> {
    return this.mappings.transaction(async (tx) => {
      const mapping = await this.mappings.lock(tx, orgId, id);
      if (dto.andAbove && mapping.kind === 'rank')
        throw Problem.validation([{ path: 'andAbove', message: 'andAbove applies to tier mappings only' }]);
      if (dto.discordRoleId !== undefined) mapping.discordRoleId = dto.discordRoleId;
      if (dto.andAbove !== undefined) mapping.andAbove = dto.andAbove;
      if (dto.label !== undefined) mapping.label = dto.label;
      const saved = await this.mappings.save(tx, mapping);
      await this.mappingsChanged(tx, orgId, 'updated', saved);
      const rank = saved.rankId ? await this.ranks.inOrg(tx, orgId, saved.rankId) : null;
      return toMappingDto(saved, new Map(rank ? [[rank.id, rank]] : []));
    });
  }

  async removeMapping(orgId: string, id: string): Promise<void> {
    await this.mappings.transaction(async (tx) => {
      const mapping = await this.mappings.lock(tx, orgId, id);
      await this.mappings.delete(tx, mapping);
      await this.mappingsChanged(tx, orgId, 'deleted', mapping);
    });
  }

  private mappingsChanged(
    tx: EntityManager,
    orgId: string,
    change: 'created' | 'updated' | 'deleted',
    mapping: DiscordRoleMapping,
  ): Promise<void> {
    return this.events.record(tx, {
      orgId,
      subjectId: mapping.id,
      type: 'dkp.roles.mapping_changed',
      payload: {
        change,
        mappingId: mapping.id,
        kind: mapping.kind,
        discordRoleId: mapping.discordRoleId,
        rankId: mapping.rankId,
        tier: mapping.tier,
        andAbove: mapping.andAbove,
      },
    });
  }
}
