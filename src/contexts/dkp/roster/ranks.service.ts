import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { saveNamingField } from '../../../platform/database/unique-conflict';
import { DomainEvents } from '../../../platform/events/domain-events';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { KeyColumn, keysetBy } from '../../../platform/http/keyset';
import { CreateRankDto, RankDto, UpdateRankDto } from './dto/rank.dto';
import { Rank } from './rank.entity';

export function toRankDto(r: Rank): RankDto {
  return { id: r.id, name: r.name, sortOrder: r.sortOrder, discordRoleId: r.discordRoleId };
}

/** Highest first (0 is the highest), then by name: the order of `ofOrg`. */
const RANK_KEY: KeyColumn[] = [
  ['r.sort_order', 'int'],
  ['r.name', 'text'],
  ['r.id', 'uuid'],
];

@Injectable()
export class RanksService {
  constructor(
    @InjectRepository(Rank) private readonly ranks: Repository<Rank>,
    private readonly events: DomainEvents,
  ) {}

  /** Highest first, keyset-paged like every other list. */
  async list(orgId: string, q: CursorPageQueryDto): Promise<Page<RankDto>> {
    const qb = this.ranks.createQueryBuilder('r').where('r.org_id = :orgId', { orgId });
    const rows = await keysetBy(qb, RANK_KEY, q).getMany();
    return keysetPage(rows, q.limit, (r) => [r.sortOrder, r.name, r.id], toRankDto);
  }

  /** The org's ranks, highest first (for the Discord role rules). */
  ofOrg(orgId: string, manager: EntityManager = this.ranks.manager): Promise<Rank[]> {
    return manager.find(Rank, { where: { orgId }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  /** One rank of the org, or 404 (in the caller's transaction). */
  inOrg(manager: EntityManager, orgId: string, id: string): Promise<Rank> {
    return findInOrg(manager, Rank, orgId, id, 'Rank');
  }

  async create(orgId: string, dto: CreateRankDto): Promise<RankDto> {
    return toRankDto(
      await this.saveUnique(
        this.ranks.manager,
        this.ranks.create({
          orgId,
          name: dto.name,
          sortOrder: dto.sortOrder ?? 0,
          discordRoleId: dto.discordRoleId ?? null,
        }),
      ),
    );
  }

  /** A change of the rank's Discord role (or of its order, which decides who holds it) is announced. */
  async update(orgId: string, id: string, dto: UpdateRankDto): Promise<RankDto> {
    return this.ranks.manager.transaction(async (tx) => {
      const rank = await findInOrg(tx, Rank, orgId, id, 'Rank', { lock: true });
      const before = { discordRoleId: rank.discordRoleId, sortOrder: rank.sortOrder };
      Object.assign(rank, dto);
      const saved = await this.saveUnique(tx, rank);
      if (
        saved.discordRoleId !== before.discordRoleId ||
        (saved.sortOrder !== before.sortOrder && (saved.discordRoleId || before.discordRoleId))
      ) {
        await this.roleChanged(tx, saved, before, false);
      }
      return toRankDto(saved);
    });
  }

  /** Characters of a deleted rank keep their place on the roster, without a rank. */
  async remove(orgId: string, id: string): Promise<void> {
    await this.ranks.manager.transaction(async (tx) => {
      const rank = await findInOrg(tx, Rank, orgId, id, 'Rank', { lock: true });
      await tx.delete(Rank, { id: rank.id });
      await this.roleChanged(tx, rank, { discordRoleId: rank.discordRoleId, sortOrder: rank.sortOrder }, true);
    });
  }

  private roleChanged(
    tx: EntityManager,
    rank: Rank,
    before: { discordRoleId: string | null; sortOrder: number },
    deleted: boolean,
  ): Promise<void> {
    return this.events.record(tx, {
      orgId: rank.orgId,
      subjectId: rank.id,
      type: 'dkp.rank.discord_role_changed',
      payload: {
        rankId: rank.id,
        rankName: rank.name,
        deleted,
        oldDiscordRoleId: before.discordRoleId,
        newDiscordRoleId: deleted ? null : rank.discordRoleId,
        oldSortOrder: before.sortOrder,
        newSortOrder: deleted ? null : rank.sortOrder,
      },
    });
  }

  private saveUnique(manager: EntityManager, rank: Rank): Promise<Rank> {
    return saveNamingField(manager, Rank, rank, {
      detail: `A rank named ${rank.name} exists`,
      slug: 'rank-name-taken',
      field: 'name',
    });
  }
}
