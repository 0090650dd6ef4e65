import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { deleteUnlessReferenced, findInOrg } from '../../../../platform/database/org-scoped';
import { withTransaction } from '../../../../platform/database/transactions';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { KeyColumn, keysetBy } from '../../../../platform/http/keyset';
import { uniqueOr409 } from '../common/unique';
import { DEFAULT_RANK_NAMES } from './default-ranks';
import { CreateStarcorpRankDto, StarcorpRankDto, UpdateStarcorpRankDto } from './dto/rank.dto';
import { StarcorpPeopleSettings } from '../settings/people-settings.entity';
import { StarcorpRank } from './starcorp-rank.entity';

export function toStarcorpRankDto(r: StarcorpRank): StarcorpRankDto {
  return { id: r.id, name: r.name, level: r.level, imageUrl: r.imageUrl };
}

/** Lowest first, then by name. */
const RANK_KEY: KeyColumn[] = [
  ['r.level', 'int'],
  ['r.name', 'text'],
  ['r.id', 'uuid'],
];

const RANK_UNIQUE = { uq_starcorp_ranks_org_name: 'name' };

@Injectable()
export class StarcorpRanksService {
  /** Orgs known to be seeded: the settings row only ever appears, so this cache cannot go stale. */
  private readonly seeded = new Set<string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Gives the org the seed's ten ranks the first time anything asks for its ranks. The settings
   * row is inserted first with ON CONFLICT DO NOTHING: of two concurrent first uses, the second
   * waits on the unique index and then inserts nothing.
   */
  async ensureSeeded(orgId: string): Promise<void> {
    if (this.seeded.has(orgId)) return;
    const exists = await this.db.manager.exists(StarcorpPeopleSettings, { where: { orgId } });
    if (!exists) {
      await withTransaction(this.db, async (tx) => {
        const inserted = await tx
          .createQueryBuilder()
          .insert()
          .into(StarcorpPeopleSettings)
          .values({ orgId, ranksSeededAt: new Date() })
          .orIgnore()
          .returning('id')
          .execute();
        if (inserted.raw.length === 0) return;
        await tx.insert(
          StarcorpRank,
          DEFAULT_RANK_NAMES.map((name, i) => ({ orgId, name, level: i + 1, imageUrl: null })),
        );
      });
    }
    this.seeded.add(orgId);
  }

  async list(orgId: string, q: CursorPageQueryDto): Promise<Page<StarcorpRankDto>> {
    await this.ensureSeeded(orgId);
    const qb = this.db.getRepository(StarcorpRank).createQueryBuilder('r').where('r.org_id = :orgId', { orgId });
    const rows = await keysetBy(qb, RANK_KEY, q).getMany();
    return keysetPage(rows, q.limit, (r) => [r.level, r.name, r.id], toStarcorpRankDto);
  }

  /** Ranks by id (for the member lists). */
  async byIds(
    orgId: string,
    ids: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, StarcorpRank>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(StarcorpRank)
      .createQueryBuilder('r')
      .where('r.org_id = :orgId AND r.id IN (:...ids)', { orgId, ids })
      .getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** One rank of the org, or 404 (in the caller's transaction). */
  inOrg(manager: EntityManager, orgId: string, id: string): Promise<StarcorpRank> {
    return findInOrg(manager, StarcorpRank, orgId, id, 'Rank');
  }

  async create(orgId: string, dto: CreateStarcorpRankDto): Promise<StarcorpRankDto> {
    await this.ensureSeeded(orgId);
    const row = this.db.manager.create(StarcorpRank, { orgId, ...dto, imageUrl: dto.imageUrl ?? null });
    return toStarcorpRankDto(await this.saveUnique(this.db.manager, row));
  }

  async update(orgId: string, id: string, dto: UpdateStarcorpRankDto): Promise<StarcorpRankDto> {
    return withTransaction(this.db, async (tx) => {
      const rank = await findInOrg(tx, StarcorpRank, orgId, id, 'Rank', { lock: true });
      Object.assign(rank, dto);
      return toStarcorpRankDto(await this.saveUnique(tx, rank));
    });
  }

  /** Refused while a profile holds the rank (the foreign key restricts it). */
  async remove(orgId: string, id: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const rank = await findInOrg(tx, StarcorpRank, orgId, id, 'Rank', { lock: true });
      await deleteUnlessReferenced(
        tx,
        StarcorpRank,
        { id: rank.id, orgId },
        {
          detail: `Members hold the rank ${rank.name}; give them another rank first`,
          slug: 'rank-in-use',
        },
      );
    });
  }

  private saveUnique(manager: EntityManager, rank: StarcorpRank): Promise<StarcorpRank> {
    return uniqueOr409(() => manager.save(StarcorpRank, rank), 'starcorp-rank-taken', RANK_UNIQUE);
  }
}
