import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { preparedQuery } from '../../../platform/database/prepared';
import { newestFirst } from '../../../platform/http/pagination';
import { DkpRepository } from '../common/dkp-repository';
import type { AttendanceWindowStart, WindowStarts } from './attendance-window';
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

/** A user's balance rows by Discord id: the member (null when none) and their pools. */
export interface DiscordBalanceRows {
  member: { id: string; username: string; discordId: string } | null;
  pools: BalanceRow[];
}

/** A leaderboard place without its rank. */
export interface LeaderboardRow {
  userId: string;
  /** From the platform's fragment (`UsersService.sql.username`); '' for an unknown user. */
  username: string;
  mainCharacterName: string | null;
  earned: string;
  spent: string;
  adjusted: string;
  decayed: string;
  balance: string;
  /** Start times of the user's raids in the attendance window, epoch ms (any order). */
  attended: number[];
  /** Whether the user attended a raid of the pool before the window began. */
  attendedBefore: boolean;
}

/**
 * One leaderboard page: its rows in order, the count of balances above the first, the pool's
 * size, and the start times of the pool's raids in the attendance window.
 */
export interface LeaderboardPageRows {
  rows: LeaderboardRow[];
  /**
   * The pool's attendance window start, read with the page (one statement fewer per request);
   * null when the page is empty, which is also what a missing pool gives: look the pool up then.
   */
  windowStart: AttendanceWindowStart | null;
  aboveFirst: number;
  total: number;
  /** Epoch ms. */
  held: number[];
}

/** A user's first raid in each pool of the org, with the pool's choice of window start. */
export interface RecordStartRow {
  poolId: string;
  mode: AttendanceWindowStart;
  firstRaidAt: Date | null;
}

/** The windows to count for one user in one pool (starts from `attendance-window.ts`). */
export interface AttendanceWindowRow {
  userId: string;
  poolId: string;
  starts: WindowStarts;
}

/** Raids attended (a*) and held (h*) in one pool within each window of `AttendanceWindowRow`. */
export interface AttendanceCountsRow {
  userId: string;
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
 * Raid start times travel as JSON arrays of epoch milliseconds, not timestamptz[]: parsing
 * hundreds of timestamps out of Postgres arrays per page was a measured share of the
 * leaderboard's CPU, and so was splitting comma-separated lists (bench/RESULTS.md); pg hands
 * `json` to the native JSON.parse. floor() truncates to the millisecond as a JS Date does.
 */
const EPOCH_MS = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::bigint`;

/**
 * The platform's user fragments, embedded so that one statement answers (one round trip and one
 * socket write fewer per request). The platform owns their text: see `user-sql.ts` for why this
 * is not reaching into its tables.
 */
const USERNAME = UsersService.sql.username;

/** `PointsQueries.leaderboard`: $1 org, $2 pool, $3 limit, $4 offset, $5 window begin, $6 now. */
/** Exported for `npm run bench`, whose floor and plans run the very statement the API runs. */
export const LEADERBOARD_SQL = `
  WITH page AS (
    SELECT b.user_id, b.earned, b.spent, b.adjusted, b.decayed, b.balance FROM dkp_balances b
     WHERE b.org_id = $1 AND b.pool_id = $2 ORDER BY b.balance DESC, b.user_id DESC LIMIT $3 OFFSET $4
  ), held AS MATERIALIZED (
    SELECT r.id, r.starts_at FROM dkp_raids r
     WHERE r.org_id = $1 AND r.pool_id = $2 AND r.starts_at >= $5 AND r.starts_at <= $6
  ), mine AS (
    SELECT a.user_id, json_agg(${EPOCH_MS('h.starts_at')}) AS times FROM held h JOIN dkp_attendance a ON a.raid_id = h.id
     WHERE a.user_id IN (SELECT user_id FROM page) GROUP BY a.user_id
  )
  SELECT p.user_id AS "userId", ${USERNAME('p.user_id')} AS username, p.earned, p.spent, p.adjusted, p.decayed, p.balance,
         (SELECT c.name FROM dkp_characters c
           WHERE c.org_id = $1 AND c.user_id = p.user_id AND c.main_character_id IS NULL
           ORDER BY c.joined_at LIMIT 1) AS "mainCharacterName",
         m.times AS attended,
         EXISTS (SELECT 1 FROM dkp_attendance a JOIN dkp_raids r ON r.id = a.raid_id
                  WHERE a.org_id = $1 AND a.user_id = p.user_id AND r.pool_id = $2 AND r.starts_at < $5)
           AS "attendedBefore",
         CASE WHEN row_number() OVER w = 1 THEN (SELECT json_agg(${EPOCH_MS('starts_at')}) FROM held) END AS held,
         CASE WHEN $4 = 0 THEN 0 ELSE (SELECT count(*) FROM dkp_balances g
           WHERE g.org_id = $1 AND g.pool_id = $2 AND g.balance > (SELECT max(balance) FROM page)) END::int
           AS "aboveFirst",
         (SELECT k.balances FROM dkp_pool_balance_counts k WHERE k.org_id = $1 AND k.pool_id = $2) AS total,
         (SELECT o.attendance_window_start FROM dkp_pools o WHERE o.org_id = $1 AND o.id = $2) AS "windowStart"
    FROM page p LEFT JOIN mine m ON m.user_id = p.user_id
  WINDOW w AS (ORDER BY p.balance DESC, p.user_id DESC)
   ORDER BY p.balance DESC, p.user_id DESC`;

const BALANCES_SQL = `SELECT p.id AS "poolId", p.name AS "poolName", b.earned, b.spent, b.adjusted, b.decayed, b.balance
  FROM dkp_pools p LEFT JOIN dkp_balances b ON b.org_id = p.org_id AND b.pool_id = p.id AND b.user_id = $2
 WHERE p.org_id = $1 AND ($3::uuid IS NULL OR p.id = $3) ORDER BY p.name`;

/**
 * `PointsQueries.balancesByDiscordId`: $1 org, $2 Discord id, $3 pool or null. No row: no such
 * member; one row with a null pool: a member in an org without pools (or without that pool).
 */
const DISCORD_BALANCES_SQL = `WITH member AS (${UsersService.sql.memberByDiscordId('$1', '$2::varchar')})
SELECT mb.id AS "memberId", mb.username, mb."discordId", x."poolId", x."poolName", x.earned, x.spent, x.adjusted,
       x.decayed, x.balance
  FROM member mb LEFT JOIN LATERAL (
    SELECT p.id AS "poolId", p.name AS "poolName", b.earned, b.spent, b.adjusted, b.decayed, b.balance
      FROM dkp_pools p LEFT JOIN dkp_balances b ON b.org_id = p.org_id AND b.pool_id = p.id AND b.user_id = mb.id
     WHERE p.org_id = $1 AND ($3::uuid IS NULL OR p.id = $3)) x ON true
 ORDER BY x."poolName"`;

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
    return preparedQuery(this.db, 'qm_dkp_balances', BALANCES_SQL, [orgId, userId, poolId ?? null]);
  }

  /**
   * The member linked to a Discord id and their balance rows (as `balances`), in ONE statement:
   * the member comes from the platform's fragment (`UsersService.sql.memberByDiscordId`).
   */
  async balancesByDiscordId(orgId: string, discordId: string, poolId?: string): Promise<DiscordBalanceRows> {
    type Row = BalanceRow & { memberId: string; username: string; discordId: string };
    const rows = await preparedQuery<Row>(this.db, 'qm_dkp_discord_balances', DISCORD_BALANCES_SQL, [
      orgId,
      discordId,
      poolId ?? null,
    ]);
    if (!rows.length) return { member: null, pools: [] };
    const { memberId: id, username, discordId: linked } = rows[0];
    const pools = rows
      .filter((row) => row.poolId !== null)
      .map(({ poolId: id, poolName, earned, spent, adjusted, decayed, balance }) => ({
        poolId: id,
        poolName,
        earned,
        spent,
        adjusted,
        decayed,
        balance,
      }));
    return { member: { id, username, discordId: linked }, pools };
  }

  /** Whether the user has points history in the org (a former member still does). */
  async hasBalances(orgId: string, userId: string): Promise<boolean> {
    const [row] = await this.db.query('SELECT 1 FROM dkp_balances WHERE org_id = $1 AND user_id = $2 LIMIT 1', [
      orgId,
      userId,
    ]);
    return Boolean(row);
  }

  /**
   * One page of the pool's leaderboard in one statement. The page is read in index order
   * (`ix_dkp_balances_leaderboard` scanned backwards: balance DESC, user_id DESC) and stops
   * after it. With it: the count of balances strictly greater than the page's first (an index
   * range scan, short for the top pages, skipped on the first), the pool's size as kept in
   * `dkp_pool_balance_counts`, and for the page's users only their main character and the facts
   * of the attendance window [begin, now] (their raids in it, whether they raided before it; the
   * pool's raids in it on the first row). The window rule is applied in code (`countInWindow`).
   */
  async leaderboard(
    orgId: string,
    poolId: string,
    page: { limit: number; offset: number },
    window: { begin: Date; now: Date },
  ): Promise<LeaderboardPageRows> {
    type Row = Omit<LeaderboardRow, 'attended'> & {
      attended: number[] | null;
      aboveFirst: number;
      total: number;
      held: number[] | null;
      windowStart: AttendanceWindowStart;
    };
    const params = [orgId, poolId, page.limit, page.offset, window.begin, window.now];
    const rows = await preparedQuery<Row>(this.db, 'qm_dkp_leaderboard', LEADERBOARD_SQL, params);
    const first = rows[0];
    return {
      // Field by field: this runs for every row of every leaderboard page.
      rows: rows.map((row) => ({
        userId: row.userId,
        username: row.username ?? '',
        mainCharacterName: row.mainCharacterName,
        earned: row.earned,
        spent: row.spent,
        adjusted: row.adjusted,
        decayed: row.decayed,
        balance: row.balance,
        attended: row.attended ?? [],
        attendedBefore: row.attendedBefore,
      })),
      windowStart: first?.windowStart ?? null,
      aboveFirst: first?.aboveFirst ?? 0,
      total: first ? first.total : await this.countBalances(orgId, poolId),
      held: first?.held ?? [],
    };
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

  /** Every pool of the org with its choice of window start and the user's first raid there (up to `now`). */
  recordStarts(orgId: string, userId: string, now: Date): Promise<RecordStartRow[]> {
    return this.db.query(
      `SELECT p.id AS "poolId", p.attendance_window_start AS mode,
              (SELECT min(r.starts_at) FROM dkp_attendance a JOIN dkp_raids r ON r.id = a.raid_id
                WHERE a.org_id = $1 AND a.user_id = $2 AND r.pool_id = p.id AND r.starts_at <= $3) AS "firstRaidAt"
         FROM dkp_pools p WHERE p.org_id = $1`,
      [orgId, userId, now],
    );
  }

  /**
   * Raids held in the pool and attended by the user in each window up to `now`, one scan of the
   * pool's raids since the lifetime start (the earliest) with a probe of the user's attendance
   * per raid. Attendance rows are per user, so alts are folded in already.
   */
  attendanceCounts(orgId: string, windows: AttendanceWindowRow[], now: Date): Promise<AttendanceCountsRow[]> {
    if (!windows.length) return Promise.resolve([]);
    const column = (pick: (w: AttendanceWindowRow) => string | Date) => windows.map(pick);
    return this.db.query(
      `WITH w AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[],
                              $7::timestamptz[]) AS w(user_id, pool_id, s30, s60, s90, slife)
       )
       SELECT w.user_id AS "userId", w.pool_id AS "poolId", c.*
         FROM w CROSS JOIN LATERAL (
           SELECT count(a.user_id) FILTER (WHERE r.starts_at >= w.s30)::int AS a30,
                  count(a.user_id) FILTER (WHERE r.starts_at >= w.s60)::int AS a60,
                  count(a.user_id) FILTER (WHERE r.starts_at >= w.s90)::int AS a90,
                  count(a.user_id)::int AS alife,
                  count(*) FILTER (WHERE r.starts_at >= w.s30)::int AS h30,
                  count(*) FILTER (WHERE r.starts_at >= w.s60)::int AS h60,
                  count(*) FILTER (WHERE r.starts_at >= w.s90)::int AS h90,
                  count(*)::int AS hlife
             FROM dkp_raids r LEFT JOIN dkp_attendance a ON a.raid_id = r.id AND a.user_id = w.user_id
            WHERE r.org_id = $1 AND r.pool_id = w.pool_id AND r.starts_at >= w.slife AND r.starts_at <= $8
         ) c`,
      [
        orgId,
        column((w) => w.userId),
        column((w) => w.poolId),
        column((w) => w.starts.days30),
        column((w) => w.starts.days60),
        column((w) => w.starts.days90),
        column((w) => w.starts.lifetime),
        now,
      ],
    );
  }

  /** The pool's size as kept with its balances (0 before its first balance). */
  private async countBalances(orgId: string, poolId: string): Promise<number> {
    const [row] = await this.db.query(
      'SELECT balances FROM dkp_pool_balance_counts WHERE org_id = $1 AND pool_id = $2',
      [orgId, poolId],
    );
    return row?.balances ?? 0;
  }
}
