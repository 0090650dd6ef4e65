import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { points } from '../common/points';
import { Pool } from '../pools/pool.entity';
import { capitalizeName } from '../roster/characters.service';
import { AdjustmentsQueryDto, AttendanceRatesDto, BulkAdjustmentDto, CreateAdjustmentDto, LeaderboardEntryDto, LedgerEntryDto, PointHistoryQueryDto, PoolBalanceDto, PoolPointsDto, UserBalanceDto, UserPointsDto } from './dto/points.dto';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService, PostingContext } from './ledger.service';

function toLedgerEntryDto(e: LedgerEntry): LedgerEntryDto {
  return {
    id: e.id,
    poolId: e.poolId,
    userId: e.userId,
    kind: e.kind,
    bucket: e.bucket,
    amount: points(e.amount),
    characterName: e.characterName,
    reason: e.reason,
    actorUserId: e.actorUserId,
    source: e.source,
    raidId: e.raidId,
    lootId: e.lootId,
    correctsId: e.correctsId,
    createdAt: e.createdAt,
  };
}

const NO_ATTENDANCE: AttendanceRatesDto = { days30: 0, days60: 0, days90: 0, lifetime: 0, raidsAttended30: 0, raidsHeld30: 0 };

const percent = (attended: number, held: number) => (held ? Math.round((attended / held) * 1000) / 10 : 0);

/**
 * Reads of points: balances and leaderboards come from the balance table (one indexed row per
 * user and pool, whatever the size of the ledger); histories page the ledger by keyset.
 */
@Injectable()
export class PointsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  /** A user's points in every pool of the org (or one), with attendance rates. 404 for strangers. */
  async userPoints(orgId: string, userId: string, poolId?: string): Promise<UserPointsDto> {
    const user = await this.user(orgId, userId);
    const [balances, rates] = await Promise.all([this.balances(orgId, user.userId, poolId), this.attendanceRates(orgId, user.userId)]);
    return { ...user, pools: balances.map((b) => ({ ...b, attendance: rates.get(b.poolId) ?? NO_ATTENDANCE })) };
  }

  /** Balances of the user linked to a Discord account, without the attendance figures. */
  async balanceByDiscordId(orgId: string, discordId: string, poolId?: string): Promise<UserBalanceDto> {
    const [found] = await this.db.query('SELECT id FROM users WHERE discord_id = $1', [discordId]);
    if (!found) throw Problem.notFound('User');
    const user = await this.user(orgId, found.id);
    return { ...user, pools: await this.balances(orgId, user.userId, poolId) };
  }

  private async user(orgId: string, userId: string): Promise<Omit<UserBalanceDto, 'pools'>> {
    const [user] = await this.db.query(
      `SELECT u.id, u.username, u.discord_id AS "discordId" FROM users u
        WHERE u.id = $2 AND (EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = $1 AND m.user_id = u.id)
                          OR EXISTS (SELECT 1 FROM dkp_balances b WHERE b.org_id = $1 AND b.user_id = u.id))`,
      [orgId, userId],
    );
    if (!user) throw Problem.notFound('User');
    return { userId: user.id, username: user.username, discordId: user.discordId };
  }

  async userPoolPoints(orgId: string, userId: string, poolId: string): Promise<PoolPointsDto> {
    await findInOrg(this.db.manager, Pool, orgId, poolId, 'Pool');
    const { pools } = await this.userPoints(orgId, userId, poolId);
    return pools[0];
  }

  async history(orgId: string, userId: string, q: PointHistoryQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.pageLedger(orgId, q, (qb) => {
      qb.andWhere('l.user_id = :userId', { userId });
      if (q.poolId) qb.andWhere('l.pool_id = :poolId', { poolId: q.poolId });
      if (q.kind) qb.andWhere('l.kind = :kind', { kind: q.kind });
    });
  }

  /** Every ledger row recorded under a character name, whoever owned it then. */
  async characterAttribution(orgId: string, name: string, q: PointHistoryQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.pageLedger(orgId, q, (qb) => {
      qb.andWhere('l.character_name = :name', { name: capitalizeName(name) });
      if (q.poolId) qb.andWhere('l.pool_id = :poolId', { poolId: q.poolId });
      if (q.kind) qb.andWhere('l.kind = :kind', { kind: q.kind });
    });
  }

  async adjustments(orgId: string, q: AdjustmentsQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.pageLedger(orgId, q, (qb) => {
      qb.andWhere("l.kind = 'adjustment'");
      if (q.userId) qb.andWhere('l.user_id = :userId', { userId: q.userId });
      if (q.poolId) qb.andWhere('l.pool_id = :poolId', { poolId: q.poolId });
    });
  }

  async leaderboard(orgId: string, poolId: string, limit: number, offset: number): Promise<Page<LeaderboardEntryDto>> {
    await findInOrg(this.db.manager, Pool, orgId, poolId, 'Pool');
    const rows = await this.db.query(
      `SELECT rank() OVER (ORDER BY b.balance DESC)::int AS rank, b.user_id AS "userId", u.username,
              (SELECT c.name FROM dkp_characters c WHERE c.org_id = b.org_id AND c.user_id = b.user_id AND c.main_character_id IS NULL
                ORDER BY c.joined_at LIMIT 1) AS "mainCharacterName",
              b.earned, b.spent, b.balance, count(*) OVER ()::int AS total
         FROM dkp_balances b JOIN users u ON u.id = b.user_id
        WHERE b.org_id = $1 AND b.pool_id = $2
        ORDER BY b.balance DESC, u.username
        LIMIT $3 OFFSET $4`,
      [orgId, poolId, limit, offset],
    );
    const total = rows[0]?.total ?? (await this.db.query('SELECT count(*)::int AS n FROM dkp_balances WHERE org_id = $1 AND pool_id = $2', [orgId, poolId]))[0].n;
    return {
      items: rows.map((r: Record<string, string>) => ({ rank: Number(r.rank), userId: r.userId, username: r.username, mainCharacterName: r.mainCharacterName, earned: points(r.earned), spent: points(r.spent), balance: points(r.balance) })),
      total,
    };
  }

  async adjust(ctx: PostingContext, dto: CreateAdjustmentDto): Promise<LedgerEntryDto> {
    const [entry] = await this.postAdjustments(ctx, dto.poolId, dto.reason, [{ userId: dto.userId, amount: dto.amount, characterName: dto.characterName }]);
    return entry;
  }

  async bulkAdjust(ctx: PostingContext, dto: BulkAdjustmentDto): Promise<LedgerEntryDto[]> {
    const users = dto.entries.map((e) => e.userId);
    if (new Set(users).size !== users.length) throw Problem.validation([{ path: 'entries', message: 'each user may appear once' }]);
    return this.postAdjustments(ctx, dto.poolId, dto.reason, dto.entries);
  }

  /**
   * All or nothing: every user must be a member, and no removal may take a balance below zero.
   * Balance rows are locked in (user) order before the checks.
   */
  private async postAdjustments(ctx: PostingContext, poolId: string, reason: string, entries: { userId: string; amount: string; characterName?: string }[]): Promise<LedgerEntryDto[]> {
    await findInOrg(this.db.manager, Pool, ctx.orgId, poolId, 'Pool');
    const members: { user_id: string }[] = await this.db.query('SELECT user_id FROM memberships WHERE org_id = $1 AND user_id = ANY($2::uuid[])', [ctx.orgId, entries.map((e) => e.userId)]);
    const known = new Set(members.map((m) => m.user_id));
    const strangers = entries.filter((e) => !known.has(e.userId));
    if (strangers.length) throw new Problem(404, `Not members of this org: ${strangers.map((s) => s.userId).join(', ')}`);
    const sorted = [...entries].sort((a, b) => a.userId.localeCompare(b.userId));
    const saved = await withTransaction(this.db, async (tx) => {
      for (const e of sorted) {
        if (Number(e.amount) < 0) await this.ledger.assertCanSpend(tx, ctx.orgId, poolId, e.userId, points(-Number(e.amount)));
      }
      return this.ledger.post(
        tx,
        ctx,
        sorted.map((e) => ({ poolId, userId: e.userId, kind: 'adjustment' as const, amount: e.amount, reason, characterName: e.characterName ? capitalizeName(e.characterName) : null })),
      );
    });
    return saved.map(toLedgerEntryDto);
  }

  private async balances(orgId: string, userId: string, poolId?: string): Promise<PoolBalanceDto[]> {
    const rows = await this.db.query(
      `SELECT p.id AS "poolId", p.name AS "poolName", b.earned, b.spent, b.adjusted, b.decayed, b.balance
         FROM dkp_pools p LEFT JOIN dkp_balances b ON b.org_id = p.org_id AND b.pool_id = p.id AND b.user_id = $2
        WHERE p.org_id = $1 AND ($3::uuid IS NULL OR p.id = $3) ORDER BY p.name`,
      [orgId, userId, poolId ?? null],
    );
    return rows.map((r: Record<string, string>) => ({
      poolId: r.poolId,
      poolName: r.poolName,
      earned: points(r.earned),
      spent: points(r.spent),
      adjusted: points(r.adjusted),
      decayed: points(r.decayed),
      balance: points(r.balance),
    }));
  }

  /**
   * Attendance per pool over 30/60/90 days and lifetime (since the user's first raid in the
   * pool). Attendance rows are per user, so alts are folded in already.
   */
  async attendanceRates(orgId: string, userId: string): Promise<Map<string, AttendanceRatesDto>> {
    const rows = await this.db.query(
      `WITH mine AS (
         SELECT r.pool_id, r.starts_at FROM dkp_attendance a JOIN dkp_raids r ON r.id = a.raid_id
          WHERE a.org_id = $1 AND a.user_id = $2 AND r.starts_at <= now()
       ), first_raid AS (SELECT pool_id, min(starts_at) AS since FROM mine GROUP BY pool_id)
       SELECT f.pool_id AS "poolId",
              (SELECT count(*) FROM mine m WHERE m.pool_id = f.pool_id AND m.starts_at >= now() - interval '30 days')::int AS a30,
              (SELECT count(*) FROM mine m WHERE m.pool_id = f.pool_id AND m.starts_at >= now() - interval '60 days')::int AS a60,
              (SELECT count(*) FROM mine m WHERE m.pool_id = f.pool_id AND m.starts_at >= now() - interval '90 days')::int AS a90,
              (SELECT count(*) FROM mine m WHERE m.pool_id = f.pool_id)::int AS alife,
              count(*) FILTER (WHERE r.starts_at >= now() - interval '30 days')::int AS h30,
              count(*) FILTER (WHERE r.starts_at >= now() - interval '60 days')::int AS h60,
              count(*) FILTER (WHERE r.starts_at >= now() - interval '90 days')::int AS h90,
              count(*) FILTER (WHERE r.starts_at >= f.since)::int AS hlife
         FROM first_raid f JOIN dkp_raids r ON r.org_id = $1 AND r.pool_id = f.pool_id AND r.starts_at <= now()
        GROUP BY f.pool_id`,
      [orgId, userId],
    );
    return new Map(
      rows.map((r: Record<string, number> & { poolId: string }) => [
        r.poolId,
        { days30: percent(r.a30, r.h30), days60: percent(r.a60, r.h60), days90: percent(r.a90, r.h90), lifetime: percent(r.alife, r.hlife), raidsAttended30: r.a30, raidsHeld30: r.h30 },
      ]),
    );
  }

  private async pageLedger(orgId: string, q: { limit: number; cursor?: string }, filter: (qb: ReturnType<DataSource['createQueryBuilder']>) => void): Promise<Page<LedgerEntryDto>> {
    const qb = this.db.createQueryBuilder(LedgerEntry, 'l').where('l.org_id = :orgId', { orgId });
    filter(qb);
    const rows = await newestFirst(qb, 'l.created_at', 'l.id', q).getMany();
    return keysetPage(rows, q.limit, (e) => timeAndId(e.createdAt, e.id), toLedgerEntryDto);
  }
}
