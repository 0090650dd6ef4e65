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

/** The references of an award request, as ids and names. */
export interface AwardRefQuery {
  raidId?: string;
  poolId?: string;
  itemId?: string;
  /** Looked up (any case) only without `itemId`. */
  itemName?: string;
  characterName?: string;
  /** The winner when no `characterName` is given. */
  userId?: string;
}

/** What `awardRefs` found (null: not given, or not the org's). */
export interface AwardRefs {
  raidId: string | null;
  poolId: string | null;
  itemId: string | null;
  itemName: string | null;
  characterUserId: string | null;
  characterName: string | null;
  /**
   * The winner's balance in the pool, its row locked until commit (null: no row yet). The winner
   * is the named character's owner, else `userId`.
   */
  lockedBalance: string | null;
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

  /** Inserts an award and returns its id and time (`INSERT ... RETURNING`: nothing to read back). */
  async insert(
    tx: EntityManager,
    loot: Omit<Loot, 'id' | 'createdAt' | 'reversedAt'>,
  ): Promise<{ id: string; createdAt: Date }> {
    const [row] = await this.prepared<{ id: string; createdAt: Date }>(
      tx,
      'qm_dkp_loot_insert',
      `INSERT INTO dkp_loot (org_id, item_id, user_id, pool_id, raid_id, character_name, amount)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at AS "createdAt"`,
      [loot.orgId, loot.itemId, loot.userId, loot.poolId, loot.raidId, loot.characterName, loot.amount],
    );
    return row;
  }

  /**
   * What an award names, read in one round trip: the raid, the pool (the one given, else the
   * raid's), the item by id or else by name, the character by name (any case), and the winner's
   * balance row in that pool, locked until commit (the only row an award locks: what serializes
   * a user's spending). Each is null when not given or not the org's.
   */
  async awardRefs(tx: EntityManager, orgId: string, ref: AwardRefQuery): Promise<AwardRefs> {
    const [row] = await this.prepared<AwardRefs>(
      tx,
      'qm_dkp_award_refs',
      `WITH refs AS (
         SELECT r.id AS raid_id, p.id AS pool_id, COALESCE(i.id, named.id) AS item_id,
                COALESCE(i.name, named.name) AS item_name,
                c.user_id AS character_user_id, c.name AS character_name
           FROM (SELECT 1) AS one
           LEFT JOIN dkp_raids r ON r.org_id = $1 AND r.id = $2::uuid
           LEFT JOIN dkp_pools p ON p.org_id = $1 AND p.id = COALESCE($3::uuid, r.pool_id)
           LEFT JOIN dkp_items i ON i.org_id = $1 AND i.id = $4::uuid
           LEFT JOIN dkp_items named ON $4::uuid IS NULL AND named.org_id = $1 AND named.name_key = lower($5::varchar)
           LEFT JOIN dkp_characters c ON c.org_id = $1 AND c.name_key = lower($6::varchar)
       ), winner_balance AS (
         SELECT b.balance FROM dkp_balances b, refs
          WHERE b.org_id = $1 AND b.pool_id = refs.pool_id
            AND b.user_id = CASE WHEN $6::varchar IS NULL THEN $7::uuid ELSE refs.character_user_id END
            FOR UPDATE OF b
       )
       SELECT raid_id AS "raidId", pool_id AS "poolId", item_id AS "itemId", item_name AS "itemName",
              character_user_id AS "characterUserId", character_name AS "characterName",
              (SELECT balance FROM winner_balance) AS "lockedBalance"
         FROM refs`,
      [
        orgId,
        ref.raidId ?? null,
        ref.poolId ?? null,
        ref.itemId ?? null,
        ref.itemName?.trim() || null,
        ref.characterName ?? null,
        ref.userId ?? null,
      ],
    );
    return row;
  }

  /** The award, its row locked until commit (404 when it is not the org's). */
  lock(tx: EntityManager, orgId: string, id: string): Promise<Loot> {
    return findInOrg(tx, Loot, orgId, id, 'Loot award', { lock: true });
  }

  async markReversed(tx: EntityManager, id: string): Promise<void> {
    await tx.update(Loot, { id }, { reversedAt: new Date() });
  }

  /** The roster character of that name (any case), read in the caller's transaction. */
  characterByName(tx: EntityManager | undefined, orgId: string, name: string): Promise<Character | null> {
    return this.managerOf(tx).findOne(Character, { where: { orgId, nameKey: name.toLowerCase() } });
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
