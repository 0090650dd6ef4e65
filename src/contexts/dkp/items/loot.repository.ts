import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { newestFirst } from '../../../platform/http/pagination';
import { DkpRepository } from '../common/dkp-repository';
import { Character } from '../roster/character.entity';
import { AwardRefQuery, ResolvedAwardRefs } from './award-rules';
import { LootDto } from './dto/loot.dto';
import { Item } from './item.entity';
import { Loot } from './loot.entity';

/** A loot award as the SQL returns it, with its item's name. */
export interface LootRow extends Omit<LootDto, 'amount'> {
  amount: string;
}

/** What `awardRefs` found for one request (null: not given, or not the org's). */
export interface AwardRefs extends ResolvedAwardRefs {
  itemName: string | null;
}

/** A loot award to insert, its id made by the caller (to match the rows to their requests). */
export type NewLoot = Omit<Loot, 'createdAt' | 'reversedAt'>;

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

  /** Inserts awards in one statement and returns each one's time, by id. */
  async insertMany(tx: EntityManager, loot: NewLoot[]): Promise<Map<string, Date>> {
    const column = <K extends keyof NewLoot>(key: K) => loot.map((row) => row[key]);
    const rows = await this.prepared<{ id: string; createdAt: Date }>(
      tx,
      'qm_dkp_loot_insert_many',
      `INSERT INTO dkp_loot (id, org_id, item_id, user_id, pool_id, raid_id, character_name, amount)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::varchar[],
                            $8::numeric[])
       RETURNING id, created_at AS "createdAt"`,
      [
        column('id'),
        column('orgId'),
        column('itemId'),
        column('userId'),
        column('poolId'),
        column('raidId'),
        column('characterName'),
        column('amount'),
      ],
    );
    return new Map(rows.map((row) => [row.id, row.createdAt]));
  }

  /**
   * What award requests name, read in one round trip, in the order given: the raid, the pool (the
   * one given, else the raid's), the item by id or else by name, the character by name (any case),
   * and the winner's balance row in that pool, locked until commit. The balance rows are the only
   * rows an award locks (what serializes a user's spending); they are locked in (pool, user) order,
   * as every writer of balances locks them, so two lockers cannot deadlock. Each reference is null
   * when not given or not the org's.
   */
  async awardRefs(tx: EntityManager, orgId: string, requests: AwardRefQuery[]): Promise<AwardRefs[]> {
    const column = <K extends keyof AwardRefQuery>(key: K) => requests.map((request) => request[key] ?? null);
    return this.prepared<AwardRefs>(
      tx,
      'qm_dkp_award_refs_many',
      `WITH request AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[], $7::uuid[])
                  WITH ORDINALITY AS q(raid_id, pool_id, item_id, item_name, character_name, user_id, n)
       ), refs AS (
         SELECT q.n, r.id AS raid_id, p.id AS pool_id, COALESCE(i.id, named.id) AS item_id,
                COALESCE(i.name, named.name) AS item_name,
                c.user_id AS character_user_id, c.name AS character_name,
                CASE WHEN q.character_name IS NULL THEN q.user_id ELSE c.user_id END AS winner_id
           FROM request q
           LEFT JOIN dkp_raids r ON r.org_id = $1 AND r.id = q.raid_id
           LEFT JOIN dkp_pools p ON p.org_id = $1 AND p.id = COALESCE(q.pool_id, r.pool_id)
           LEFT JOIN dkp_items i ON i.org_id = $1 AND i.id = q.item_id
           LEFT JOIN dkp_items named ON q.item_id IS NULL AND named.org_id = $1 AND named.name_key = lower(q.item_name)
           LEFT JOIN dkp_characters c ON c.org_id = $1 AND c.name_key = lower(q.character_name)
       ), winner_balance AS MATERIALIZED (
         SELECT b.pool_id, b.user_id, b.balance FROM dkp_balances b
          WHERE b.org_id = $1 AND (b.pool_id, b.user_id) IN (SELECT pool_id, winner_id FROM refs)
          ORDER BY b.pool_id, b.user_id
            FOR UPDATE OF b
       )
       SELECT refs.raid_id AS "raidId", refs.pool_id AS "poolId", refs.item_id AS "itemId",
              refs.item_name AS "itemName", refs.character_user_id AS "characterUserId",
              refs.character_name AS "characterName", wb.balance AS "lockedBalance"
         FROM refs
         LEFT JOIN winner_balance wb ON wb.pool_id = refs.pool_id AND wb.user_id = refs.winner_id
        ORDER BY refs.n`,
      [
        orgId,
        column('raidId'),
        column('poolId'),
        column('itemId'),
        requests.map((request) => request.itemName?.trim() || null),
        column('characterName'),
        column('userId'),
      ],
    );
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
