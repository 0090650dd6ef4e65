import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DkpRepository } from '../common/dkp-repository';
import { LedgerEntry, LedgerKind } from './ledger-entry.entity';

export interface BalanceMismatch {
  orgId: string;
  poolId: string;
  userId: string;
  stored: string | null;
  fromLedger: string | null;
}

/** The decay of one pool for one period: an entry per positive balance. */
export interface DecayBatch {
  orgId: string;
  poolId: string;
  percent: string;
  reason: string;
  actorUserId: string | null;
}

/** Which earlier entry a correction reverses: by raid and user, or by loot award. */
export type CorrectedEntry =
  { kind: LedgerKind; raidId: string; userId: string } | { kind: LedgerKind; lootId: string };

/**
 * Sums ledger rows into balance columns, per bucket, for rows chosen by a WHERE clause. Shared
 * by posting (the rows just inserted), rebuilding and the consistency check, so all three agree
 * on what a balance is.
 */
const BUCKET_SUMS = `
  COALESCE(sum(amount) FILTER (WHERE bucket = 'earned'), 0) AS earned,
  COALESCE(-sum(amount) FILTER (WHERE bucket = 'spent'), 0) AS spent,
  COALESCE(sum(amount) FILTER (WHERE bucket = 'adjusted'), 0) AS adjusted,
  COALESCE(-sum(amount) FILTER (WHERE bucket = 'decayed'), 0) AS decayed,
  sum(amount) AS balance`;

/** Adds the upserted sums to an existing balance row. */
const ADD_TO_BALANCE = `
  ON CONFLICT (org_id, pool_id, user_id) DO UPDATE SET
    earned = dkp_balances.earned + EXCLUDED.earned,
    spent = dkp_balances.spent + EXCLUDED.spent,
    adjusted = dkp_balances.adjusted + EXCLUDED.adjusted,
    decayed = dkp_balances.decayed + EXCLUDED.decayed,
    balance = dkp_balances.balance + EXCLUDED.balance,
    updated_at = now()`;

/** A ledger row to append, every column given. */
export type NewLedgerRow = Omit<LedgerEntry, 'id' | 'createdAt'>;

/**
 * The SQL that writes the ledger (`dkp_ledger`) and its running balances (`dkp_balances`), and
 * checks that they agree. Its statements span both tables (balances from ledger rows, decay
 * entries from balances), hence the DataSource.
 */
@Injectable()
export class LedgerRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /**
   * Appends ledger rows and adds them to the balances in one statement (a write path runs one
   * round trip instead of two). The rows go in as arrays (`unnest`), so any number fits in the
   * same statement; balances are upserted in (pool, user) order, as in `applyToBalances`.
   */
  async insertAndApply(tx: EntityManager, rows: NewLedgerRow[]): Promise<LedgerEntry[]> {
    const column = <K extends keyof NewLedgerRow>(key: K) => rows.map((row) => row[key]);
    const inserted = await this.prepared<LedgerEntry>(
      tx,
      'qm_dkp_ledger_post',
      `WITH entry AS (
         INSERT INTO dkp_ledger (org_id, pool_id, user_id, kind, bucket, amount, character_name, reason,
                                 actor_user_id, source, raid_id, loot_id, corrects_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::numeric[],
                              $7::varchar[], $8::varchar[], $9::uuid[], $10::varchar[], $11::uuid[], $12::uuid[],
                              $13::uuid[])
         RETURNING *
       ), moved AS (
         INSERT INTO dkp_balances (org_id, pool_id, user_id, earned, spent, adjusted, decayed, balance, updated_at)
         SELECT org_id, pool_id, user_id, ${BUCKET_SUMS}, now() FROM entry
          GROUP BY org_id, pool_id, user_id
          ORDER BY pool_id, user_id
         ${ADD_TO_BALANCE}
       )
       SELECT id, org_id AS "orgId", created_at AS "createdAt", pool_id AS "poolId", user_id AS "userId", kind, bucket,
              amount, character_name AS "characterName", reason, actor_user_id AS "actorUserId", source,
              raid_id AS "raidId", loot_id AS "lootId", corrects_id AS "correctsId"
         FROM entry`,
      [
        column('orgId'),
        column('poolId'),
        column('userId'),
        column('kind'),
        column('bucket'),
        column('amount'),
        column('characterName'),
        column('reason'),
        column('actorUserId'),
        column('source'),
        column('raidId'),
        column('lootId'),
        column('correctsId'),
      ],
    );
    return inserted.map((row) => Object.assign(new LedgerEntry(), row));
  }

  /** Adds the given ledger rows to the balances. */
  applyEntries(tx: EntityManager, entryIds: string[]): Promise<void> {
    return this.applyToBalances(tx, 'id = ANY($1::uuid[])', [entryIds]);
  }

  /** Recomputes the balances of one org from its ledger (after a bulk load). */
  async rebuildOrg(tx: EntityManager, orgId: string): Promise<void> {
    await tx.query('DELETE FROM dkp_balances WHERE org_id = $1', [orgId]);
    await this.applyToBalances(tx, 'org_id = $1', [orgId]);
  }

  /** The user's balance in a pool (null without a row); `lock` takes the row until commit. */
  async balance(
    tx: EntityManager | undefined,
    orgId: string,
    poolId: string,
    userId: string,
    lock: boolean,
  ): Promise<string | null> {
    const [row] = await this.prepared<{ balance: string }>(
      tx,
      lock ? 'qm_dkp_balance_locked' : 'qm_dkp_balance',
      `SELECT balance FROM dkp_balances WHERE org_id = $1 AND pool_id = $2 AND user_id = $3 ${lock ? 'FOR UPDATE' : ''}`,
      [orgId, poolId, userId],
    );
    return row?.balance ?? null;
  }

  /**
   * Locks the users' balance rows in a pool until commit, in user order (the order every writer
   * takes them in), and returns their balances; users without a row are absent.
   */
  async lockBalances(
    tx: EntityManager,
    orgId: string,
    poolId: string,
    userIds: string[],
  ): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { user_id: string; balance: string }[] = await tx.query(
      `SELECT user_id, balance FROM dkp_balances WHERE org_id = $1 AND pool_id = $2 AND user_id = ANY($3::uuid[])
        ORDER BY user_id FOR UPDATE`,
      [orgId, poolId, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, r.balance]));
  }

  /** The newest entry a correction would reverse, if any. */
  async latestEntryId(tx: EntityManager, corrected: CorrectedEntry): Promise<string | null> {
    const entry = await tx.findOne(LedgerEntry, {
      where: corrected,
      order: { createdAt: 'DESC' },
      select: { id: true },
    });
    return entry?.id ?? null;
  }

  /**
   * Writes one decay entry per balance of the pool that loses at least a hundredth, in user
   * order, and returns them (ids and signed amounts) for `applyEntries`.
   */
  insertDecay(tx: EntityManager, batch: DecayBatch): Promise<{ id: string; amount: string }[]> {
    return tx.query(
      `INSERT INTO dkp_ledger (org_id, pool_id, user_id, kind, bucket, amount, reason, actor_user_id, source)
       SELECT org_id, pool_id, user_id, 'decay', 'decayed', -round(balance * $3 / 100, 2), $4, $5, 'job'
         FROM dkp_balances
        WHERE org_id = $1 AND pool_id = $2 AND round(balance * $3 / 100, 2) > 0
        ORDER BY user_id
       RETURNING id, amount`,
      [batch.orgId, batch.poolId, batch.percent, batch.reason, batch.actorUserId],
    );
  }

  /** Every (org, pool, user) whose stored balance row differs from the sum of its ledger rows. */
  findMismatches(orgId?: string): Promise<BalanceMismatch[]> {
    return this.db.query(
      `WITH recomputed AS (
         SELECT org_id, pool_id, user_id, ${BUCKET_SUMS} FROM dkp_ledger
          WHERE ($1::uuid IS NULL OR org_id = $1) GROUP BY org_id, pool_id, user_id
       ), stored AS (
         SELECT * FROM dkp_balances WHERE ($1::uuid IS NULL OR org_id = $1)
       )
       SELECT COALESCE(r.org_id, s.org_id) AS "orgId", COALESCE(r.pool_id, s.pool_id) AS "poolId",
              COALESCE(r.user_id, s.user_id) AS "userId", s.balance AS stored, r.balance AS "fromLedger"
         FROM recomputed r FULL OUTER JOIN stored s USING (org_id, pool_id, user_id)
        WHERE r.earned IS DISTINCT FROM s.earned OR r.spent IS DISTINCT FROM s.spent
           OR r.adjusted IS DISTINCT FROM s.adjusted OR r.decayed IS DISTINCT FROM s.decayed
           OR r.balance IS DISTINCT FROM s.balance`,
      [orgId ?? null],
    );
  }

  /**
   * Adds the ledger rows matched by `whereSql` to the balances. Rows are grouped and applied in
   * (pool, user) order, so two transactions touching the same users lock them in the same
   * order and cannot deadlock each other.
   */
  private async applyToBalances(tx: EntityManager, whereSql: string, params: unknown[]): Promise<void> {
    await tx.query(
      `INSERT INTO dkp_balances (org_id, pool_id, user_id, earned, spent, adjusted, decayed, balance, updated_at)
       SELECT org_id, pool_id, user_id, ${BUCKET_SUMS}, now()
         FROM dkp_ledger WHERE ${whereSql}
        GROUP BY org_id, pool_id, user_id
        ORDER BY pool_id, user_id
       ${ADD_TO_BALANCE}`,
      params,
    );
  }
}
