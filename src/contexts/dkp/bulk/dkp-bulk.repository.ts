import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DkpRepository } from '../common/dkp-repository';

/**
 * Every DKP table the bulk loader fills: its columns, in INSERT order, each with the Postgres
 * array type its values travel as.
 */
const BULK_COLUMNS = {
  dkp_ranks: { id: 'uuid', org_id: 'uuid', name: 'varchar', sort_order: 'int', discord_role_id: 'varchar' },
  dkp_pools: { id: 'uuid', org_id: 'uuid', name: 'varchar', description: 'text' },
  dkp_events: {
    id: 'uuid',
    org_id: 'uuid',
    name: 'varchar',
    description: 'text',
    default_points: 'numeric',
    active: 'boolean',
    pool_id: 'uuid',
  },
  dkp_items: { id: 'uuid', org_id: 'uuid', name: 'varchar', category: 'varchar', rarity: 'varchar' },
  dkp_characters: {
    id: 'uuid',
    org_id: 'uuid',
    name: 'varchar',
    character_class: 'varchar',
    level: 'smallint',
    rank_id: 'uuid',
    status: 'varchar',
    user_id: 'uuid',
    main_character_id: 'uuid',
    joined_at: 'timestamptz',
    created_at: 'timestamptz',
  },
  dkp_character_ownership: {
    id: 'uuid',
    org_id: 'uuid',
    character_id: 'uuid',
    user_id: 'uuid',
    owned_from: 'timestamptz',
    reason: 'varchar',
    actor_user_id: 'uuid',
  },
  dkp_raids: {
    id: 'uuid',
    org_id: 'uuid',
    event_id: 'uuid',
    pool_id: 'uuid',
    starts_at: 'timestamptz',
    leader_user_id: 'uuid',
    notes: 'text',
    value: 'numeric',
    created_at: 'timestamptz',
  },
  dkp_attendance: {
    id: 'uuid',
    org_id: 'uuid',
    raid_id: 'uuid',
    user_id: 'uuid',
    character_name: 'varchar',
    flag: 'varchar',
    points: 'numeric',
    created_at: 'timestamptz',
  },
  dkp_loot: {
    id: 'uuid',
    org_id: 'uuid',
    item_id: 'uuid',
    user_id: 'uuid',
    pool_id: 'uuid',
    raid_id: 'uuid',
    character_name: 'varchar',
    amount: 'numeric',
    created_at: 'timestamptz',
  },
  dkp_ledger: {
    id: 'uuid',
    org_id: 'uuid',
    pool_id: 'uuid',
    user_id: 'uuid',
    kind: 'varchar',
    bucket: 'varchar',
    amount: 'numeric',
    character_name: 'varchar',
    reason: 'varchar',
    actor_user_id: 'uuid',
    source: 'varchar',
    raid_id: 'uuid',
    loot_id: 'uuid',
    created_at: 'timestamptz',
  },
} as const;

export type BulkTable = keyof typeof BULK_COLUMNS;
/** A row of `table` as the loader builds it: one value per column (uuids, decimals and instants as strings). */
export type BulkRow<T extends BulkTable> = Record<keyof (typeof BULK_COLUMNS)[T], string | number | boolean | null>;

/** Every table holding an org's DKP data, children before parents (the order a purge deletes in). */
const DKP_TABLES = [
  'dkp_ledger',
  'dkp_balances',
  'dkp_loot',
  'dkp_attendance',
  'dkp_character_ownership',
  'dkp_characters',
  'dkp_raids',
  'dkp_events',
  'dkp_items',
  'dkp_ranks',
  'dkp_decay_runs',
  'dkp_pools',
];

/** A stored balance row, as the load's check compares it with the expected summaries. */
export interface StoredBalance {
  poolId: string;
  userId: string;
  earned: string;
  spent: string;
  adjusted: string;
  balance: string;
}

/**
 * The bulk loader's SQL: array-parameter multi-row INSERTs (`INSERT ... SELECT * FROM
 * unnest($1::uuid[], ...)`, one statement per chunk) into every DKP table, the purge of an org's
 * DKP data and the read of its balances. It spans all of the context's tables, hence the DataSource.
 */
@Injectable()
export class DkpBulkRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** Inserts `rows` into `table`, `chunkSize` rows per statement. */
  async insertRows<T extends BulkTable>(
    tx: EntityManager,
    table: T,
    rows: BulkRow<T>[],
    chunkSize: number,
  ): Promise<void> {
    const columns = Object.entries(BULK_COLUMNS[table]) as [keyof BulkRow<T> & string, string][];
    const names = columns.map(([name]) => name).join(', ');
    const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    for (let start = 0; start < rows.length; start += chunkSize) {
      const part = rows.slice(start, start + chunkSize);
      await tx.query(
        `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
        columns.map(([name]) => part.map((row) => row[name])),
      );
    }
  }

  /** Deletes every DKP row of the org. */
  async purgeOrg(tx: EntityManager, orgId: string): Promise<void> {
    for (const table of DKP_TABLES) await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
  }

  balances(tx: EntityManager, orgId: string): Promise<StoredBalance[]> {
    return tx.query(
      `SELECT pool_id AS "poolId", user_id AS "userId", earned, spent, adjusted, balance
         FROM dkp_balances WHERE org_id = $1`,
      [orgId],
    );
  }
}
