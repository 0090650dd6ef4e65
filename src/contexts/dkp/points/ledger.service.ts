import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Problem } from '../../../platform/http/problem';
import { points } from '../common/points';
import { LedgerBucket, LedgerEntry, LedgerKind } from './ledger-entry.entity';

/** Default balance column per kind; corrections name the column of what they correct. */
const BUCKET_OF: Record<Exclude<LedgerKind, 'correction'>, LedgerBucket> = {
  attendance: 'earned',
  loot: 'spent',
  adjustment: 'adjusted',
  decay: 'decayed',
};

export interface Posting {
  poolId: string;
  userId: string;
  kind: LedgerKind;
  /** Signed effect on the balance, two-place decimal string. */
  amount: string;
  /** Required for corrections (the bucket of the corrected entry). */
  bucket?: LedgerBucket;
  characterName?: string | null;
  reason?: string;
  raidId?: string | null;
  lootId?: string | null;
  correctsId?: string | null;
}

export interface PostingContext {
  orgId: string;
  actorUserId: string | null;
  source: string;
}

export interface BalanceMismatch {
  orgId: string;
  poolId: string;
  userId: string;
  stored: string | null;
  fromLedger: string | null;
}

/**
 * Sums ledger rows into balance columns, per bucket, for rows chosen by `whereSql`. Shared by
 * posting (the rows just inserted), rebuilding and the consistency check, so all three agree
 * on what a balance is.
 */
const BUCKET_SUMS = `
  COALESCE(sum(amount) FILTER (WHERE bucket = 'earned'), 0) AS earned,
  COALESCE(-sum(amount) FILTER (WHERE bucket = 'spent'), 0) AS spent,
  COALESCE(sum(amount) FILTER (WHERE bucket = 'adjusted'), 0) AS adjusted,
  COALESCE(-sum(amount) FILTER (WHERE bucket = 'decayed'), 0) AS decayed,
  sum(amount) AS balance`;

/**
 * The only writer of points. Each posting appends ledger rows and moves the balances in the
 * same transaction (the caller's), with one upsert that adds deltas, so concurrent postings
 * for the same user serialize on the balance row and none is lost.
 */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async post(tx: EntityManager, ctx: PostingContext, postings: Posting[]): Promise<LedgerEntry[]> {
    if (!postings.length) return [];
    const rows = postings.map((p) => {
      const bucket = p.bucket ?? (p.kind === 'correction' ? undefined : BUCKET_OF[p.kind]);
      if (!bucket) throw new Error('a correction posting must name its bucket');
      return tx.create(LedgerEntry, {
        orgId: ctx.orgId,
        actorUserId: ctx.actorUserId,
        source: ctx.source,
        poolId: p.poolId,
        userId: p.userId,
        kind: p.kind,
        bucket,
        amount: p.amount,
        characterName: p.characterName ?? null,
        reason: p.reason ?? '',
        raidId: p.raidId ?? null,
        lootId: p.lootId ?? null,
        correctsId: p.correctsId ?? null,
      });
    });
    const saved = await tx.save(LedgerEntry, rows, { chunk: 500 });
    await this.applyToBalances(tx, 'id = ANY($1::uuid[])', [saved.map((r) => r.id)]);
    return saved;
  }

  /**
   * Adds the ledger rows matched by `whereSql` to the balances. Rows are grouped and applied in
   * (pool, user) order, so two transactions touching the same users lock them in the same
   * order and cannot deadlock each other.
   */
  async applyToBalances(tx: EntityManager, whereSql: string, params: unknown[]): Promise<void> {
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

  /**
   * Locks the user's balance row and refuses a debit that would take it below zero. Call it
   * before posting a debit, in the same transaction.
   */
  async assertCanSpend(tx: EntityManager, orgId: string, poolId: string, userId: string, amount: string): Promise<void> {
    const [row] = await tx.query(
      'SELECT balance FROM dkp_balances WHERE org_id = $1 AND pool_id = $2 AND user_id = $3 FOR UPDATE',
      [orgId, poolId, userId],
    );
    const balance = points(row?.balance);
    if (Number(balance) < Number(amount)) {
      throw Problem.conflict(`The user has ${balance} points in this pool and cannot spend ${amount}`, 'insufficient-points', { balance });
    }
  }

  /** Recomputes balances from the ledger for one org (after a bulk load). */
  async rebuildBalances(tx: EntityManager, orgId: string): Promise<void> {
    await tx.query('DELETE FROM dkp_balances WHERE org_id = $1', [orgId]);
    await this.applyToBalances(tx, 'org_id = $1', [orgId]);
  }

  /** Every (org, pool, user) whose stored balance row differs from the sum of its ledger rows. */
  async findMismatches(orgId?: string): Promise<BalanceMismatch[]> {
    const rows: BalanceMismatch[] = await this.db.query(
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
    return rows;
  }
}
