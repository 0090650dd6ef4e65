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

  insertEntries(tx: EntityManager, rows: Partial<LedgerEntry>[]): Promise<LedgerEntry[]> {
    return tx.save(
      LedgerEntry,
      rows.map((row) => tx.create(LedgerEntry, row)),
      { chunk: 500 },
    );
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
    const [row] = await this.managerOf(tx).query(
      `SELECT balance FROM dkp_balances WHERE org_id = $1 AND pool_id = $2 AND user_id = $3 ${lock ? 'FOR UPDATE' : ''}`,
      [orgId, poolId, userId],
    );
    return row?.balance ?? null;
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
       ON CONFLICT (org_id, pool_id, user_id) DO UPDATE SET
         earned = dkp_balances.earned + EXCLUDED.earned,
         spent = dkp_balances.spent + EXCLUDED.spent,
         adjusted = dkp_balances.adjusted + EXCLUDED.adjusted,
         decayed = dkp_balances.decayed + EXCLUDED.decayed,
         balance = dkp_balances.balance + EXCLUDED.balance,
         updated_at = now()`,
      params,
    );
  }
}
