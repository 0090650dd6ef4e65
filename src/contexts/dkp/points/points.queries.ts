import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newestFirst } from '../../../platform/http/pagination';
import { DkpRepository } from '../common/dkp-repository';
import { LedgerEntry, LedgerKind } from './ledger-entry.entity';

/** A user's balance columns in one pool, as Postgres returns them (null without a row). */
export interface BalanceRow {
  poolId: string;
  poolName: string;
  earned: string | null;
  spent: string | null;
  adjusted: string | null;
  decayed: string | null;
  balance: string | null;
}

/** A leaderboard place without the username (the platform knows usernames). */
export interface LeaderboardRow {
  rank: number;
  userId: string;
  mainCharacterName: string | null;
  earned: string;
  spent: string;
  balance: string;
}

/** Raids attended (a*) and held (h*) in one pool over 30/60/90 days and since the first one. */
export interface AttendanceCountsRow {
  poolId: string;
  a30: number;
  a60: number;
  a90: number;
  alife: number;
  h30: number;
  h60: number;
  h90: number;
  hlife: number;
}

/** Which ledger rows a page shows; every filter is optional and they all apply together. */
export interface LedgerFilter {
  userId?: string;
  poolId?: string;
  kind?: LedgerKind;
  characterName?: string;
}

/**
 * The read side of points: balances, leaderboards, ledger pages and attendance rates. Balance
 * reads use the balance table (one indexed row per user and pool, whatever the size of the
 * ledger); ledger pages are keyset-paged on (created_at, id).
 */
@Injectable()
export class PointsQueries extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The user's balance row in every pool of the org (or one), pools by name. */
  balances(orgId: string, userId: string, poolId?: string): Promise<BalanceRow[]> {
    return this.db.query(
      `SELECT p.id AS "poolId", p.name AS "poolName", b.earned, b.spent, b.adjusted, b.decayed, b.balance
         FROM dkp_pools p LEFT JOIN dkp_balances b ON b.org_id = p.org_id AND b.pool_id = p.id AND b.user_id = $2
        WHERE p.org_id = $1 AND ($3::uuid IS NULL OR p.id = $3) ORDER BY p.name`,
      [orgId, userId, poolId ?? null],
    );
  }

  /** Whether the user has points history in the org (a former member still does). */
  async hasBalances(orgId: string, userId: string): Promise<boolean> {
    const [row] = await this.db.query('SELECT 1 FROM dkp_balances WHERE org_id = $1 AND user_id = $2 LIMIT 1', [
      orgId,
      userId,
    ]);
    return Boolean(row);
  }

  /** One page of the pool's leaderboard (ranks shared by equal balances) and the pool's size. */
  async leaderboard(
    orgId: string,
    poolId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: LeaderboardRow[]; total: number }> {
    const rows: (LeaderboardRow & { total: number })[] = await this.db.query(
      `SELECT rank() OVER (ORDER BY b.balance DESC)::int AS rank, b.user_id AS "userId",
              (SELECT c.name FROM dkp_characters c
                WHERE c.org_id = b.org_id AND c.user_id = b.user_id AND c.main_character_id IS NULL
                ORDER BY c.joined_at LIMIT 1) AS "mainCharacterName",
              b.earned, b.spent, b.balance, count(*) OVER ()::int AS total
         FROM dkp_balances b
        WHERE b.org_id = $1 AND b.pool_id = $2
        ORDER BY b.balance DESC, b.user_id
        LIMIT $3 OFFSET $4`,
      [orgId, poolId, limit, offset],
    );
    const total = rows[0]?.total ?? (await this.countBalances(orgId, poolId));
    return { rows: rows.map(({ total: _total, ...row }) => row), total };
  }

  /** A newest-first page of the org's ledger rows matching `filter` (`limit + 1` rows). */
  ledgerPage(orgId: string, filter: LedgerFilter, page: { limit: number; cursor?: string }): Promise<LedgerEntry[]> {
    const qb = this.db.createQueryBuilder(LedgerEntry, 'l').where('l.org_id = :orgId', { orgId });
    if (filter.userId) qb.andWhere('l.user_id = :userId', { userId: filter.userId });
    if (filter.characterName) qb.andWhere('l.character_name = :name', { name: filter.characterName });
    if (filter.poolId) qb.andWhere('l.pool_id = :poolId', { poolId: filter.poolId });
    if (filter.kind) qb.andWhere('l.kind = :kind', { kind: filter.kind });
    return newestFirst(qb, 'l.created_at', 'l.id', page).getMany();
  }

  /**
   * Raid counts per pool over 30/60/90 days and lifetime (since the user's first raid in the
   * pool). Attendance rows are per user, so alts are folded in already.
   */
  attendanceCounts(orgId: string, userId: string): Promise<AttendanceCountsRow[]> {
    return this.db.query(
      `WITH mine AS (
         SELECT r.pool_id, r.starts_at FROM dkp_attendance a JOIN dkp_raids r ON r.id = a.raid_id
          WHERE a.org_id = $1 AND a.user_id = $2 AND r.starts_at <= now()
       ), first_raid AS (SELECT pool_id, min(starts_at) AS since FROM mine GROUP BY pool_id)
       SELECT f.pool_id AS "poolId",
              (SELECT count(*) FROM mine m
                WHERE m.pool_id = f.pool_id AND m.starts_at >= now() - interval '30 days')::int AS a30,
              (SELECT count(*) FROM mine m
                WHERE m.pool_id = f.pool_id AND m.starts_at >= now() - interval '60 days')::int AS a60,
              (SELECT count(*) FROM mine m
                WHERE m.pool_id = f.pool_id AND m.starts_at >= now() - interval '90 days')::int AS a90,
              (SELECT count(*) FROM mine m WHERE m.pool_id = f.pool_id)::int AS alife,
              count(*) FILTER (WHERE r.starts_at >= now() - interval '30 days')::int AS h30,
              count(*) FILTER (WHERE r.starts_at >= now() - interval '60 days')::int AS h60,
              count(*) FILTER (WHERE r.starts_at >= now() - interval '90 days')::int AS h90,
              count(*) FILTER (WHERE r.starts_at >= f.since)::int AS hlife
         FROM first_raid f JOIN dkp_raids r ON r.org_id = $1 AND r.pool_id = f.pool_id AND r.starts_at <= now()
        GROUP BY f.pool_id`,
      [orgId, userId],
    );
  }

  private async countBalances(orgId: string, poolId: string): Promise<number> {
    const [row] = await this.db.query(
      'SELECT count(*)::int AS n FROM dkp_balances WHERE org_id = $1 AND pool_id = $2',
      [orgId, poolId],
    );
    return row.n;
  }
}
