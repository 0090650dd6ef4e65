import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { newestFirst } from '../../../platform/http/pagination';
import { DkpRepository } from '../common/dkp-repository';
import { Character } from '../roster/character.entity';
import { LootDto } from './dto/loot.dto';
import { Item } from './item.entity';
import { Loot } from './loot.entity';

/** A loot award as the SQL returns it, with its item's name. */
export interface LootRow extends Omit<LootDto, 'amount'> {
  amount: string;
}

/** Which awards a page shows. */
export interface LootFilter {
  userId?: string;
  itemId?: string;
  raidId?: string;
  poolId?: string;
}

/** Winning amounts of an item, as Postgres returns them (null without awards). */
export interface PriceStatsRow {
  count: number;
  min: string | null;
  median: string | null;
  max: string | null;
}

/** The SQL of loot awards (`dkp_loot`), read with their item's name. */
@Injectable()
export class LootRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** Newest first, keyset-paged on (createdAt, id) (`limit + 1` rows). */
  page(orgId: string, filter: LootFilter, page: { limit: number; cursor?: string }): Promise<LootRow[]> {
    const qb = this.rows(orgId);
    if (filter.userId) qb.andWhere('l.user_id = :userId', { userId: filter.userId });
    if (filter.itemId) qb.andWhere('l.item_id = :itemId', { itemId: filter.itemId });
    if (filter.raidId) qb.andWhere('l.raid_id = :raidId', { raidId: filter.raidId });
    if (filter.poolId) qb.andWhere('l.pool_id = :poolId', { poolId: filter.poolId });
    return newestFirst(qb, 'l.created_at', 'l.id', page).getRawMany<LootRow>();
  }

  async row(orgId: string, id: string): Promise<LootRow | null> {
    return (await this.rows(orgId).andWhere('l.id = :id', { id }).getRawOne<LootRow>()) ?? null;
  }

  insert(tx: EntityManager, loot: Omit<Loot, 'id' | 'createdAt' | 'reversedAt'>): Promise<Loot> {
    return tx.save(Loot, tx.create(Loot, loot));
  }

  /** The award, its row locked until commit (404 when it is not the org's). */
  lock(tx: EntityManager, orgId: string, id: string): Promise<Loot> {
    return findInOrg(tx, Loot, orgId, id, 'Loot award', { lock: true });
  }

  async markReversed(tx: EntityManager, id: string): Promise<void> {
    await tx.update(Loot, { id }, { reversedAt: new Date() });
  }

  /** The roster character of that name (any case), read in the caller's transaction. */
  characterByName(tx: EntityManager, orgId: string, name: string): Promise<Character | null> {
    return tx.findOne(Character, { where: { orgId, nameKey: name.toLowerCase() } });
  }

  /** Count, min, median and max of the item's unreversed winning amounts. */
  async priceStats(orgId: string, itemId: string): Promise<PriceStatsRow> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS count, min(amount) AS min, max(amount) AS max,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS median
         FROM dkp_loot WHERE org_id = $1 AND item_id = $2 AND reversed_at IS NULL`,
      [orgId, itemId],
    );
    return row;
  }

  private rows(orgId: string): SelectQueryBuilder<Loot> {
    return this.db
      .createQueryBuilder(Loot, 'l')
      .innerJoin(Item, 'i', 'i.id = l.item_id')
      .select([
        'l.id AS id',
        'l.item_id AS "itemId"',
        'i.name AS "itemName"',
        'l.user_id AS "userId"',
        'l.pool_id AS "poolId"',
        'l.raid_id AS "raidId"',
        'l.character_name AS "characterName"',
        'l.amount AS amount',
        'l.reversed_at AS "reversedAt"',
        'l.created_at AS "createdAt"',
      ])
      .where('l.org_id = :orgId', { orgId });
  }
}
