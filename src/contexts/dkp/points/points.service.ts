import { Injectable } from '@nestjs/common';
import { UsersService } from '../../../platform/auth/users/users.service';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { points } from '../common/points';
import { PoolsService } from '../pools/pools.service';
import { capitalizeName } from '../roster/characters.service';
import {
  AdjustmentsQueryDto,
  AttendanceRatesDto,
  BulkAdjustmentDto,
  CreateAdjustmentDto,
  LeaderboardEntryDto,
  LedgerEntryDto,
  PointHistoryQueryDto,
  PoolBalanceDto,
  PoolPointsDto,
  UserBalanceDto,
  UserPointsDto,
} from './dto/points.dto';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService, PostingContext } from './ledger.service';
import { attendancePercent, countInWindow, daysBefore, recordStart, windowStarts } from './attendance-window';
import { pageRanks } from './leaderboard-ranks';
import {
  AttendanceCountsRow,
  AttendanceWindowRow,
  BalanceRow,
  LeaderboardRow,
  LedgerFilter,
  PointsQueries,
} from './points.queries';

type UserHeader = Omit<UserBalanceDto, 'pools'>;
type AdjustmentLine = { userId: string; amount: string; characterName?: string };

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

function toPoolBalanceDto(row: BalanceRow): PoolBalanceDto {
  return {
    poolId: row.poolId,
    poolName: row.poolName,
    earned: points(row.earned),
    spent: points(row.spent),
    adjusted: points(row.adjusted),
    decayed: points(row.decayed),
    balance: points(row.balance),
  };
}

const NO_ATTENDANCE: AttendanceRatesDto = {
  days30: 0,
  days60: 0,
  days90: 0,
  lifetime: 0,
  raidsAttended30: 0,
  raidsHeld30: 0,
};

function toAttendanceRates(row: AttendanceCountsRow): AttendanceRatesDto {
  return {
    days30: attendancePercent(row.a30, row.h30),
    days60: attendancePercent(row.a60, row.h60),
    days90: attendancePercent(row.a90, row.h90),
    lifetime: attendancePercent(row.alife, row.hlife),
    raidsAttended30: row.a30,
    raidsHeld30: row.h30,
  };
}

function toLeaderboardEntry(row: LeaderboardRow, rank: number, attendance30: number) {
  return {
    rank,
    userId: row.userId,
    username: row.username,
    mainCharacterName: row.mainCharacterName,
    earned: points(row.earned),
    spent: points(row.spent),
    adjusted: points(row.adjusted),
    decayed: points(row.decayed),
    balance: points(row.balance),
    attendance30,
  };
}

/** Adjustment lines as ledger postings, in user order (the order their balance rows lock in). */
function adjustmentPostings(poolId: string, reason: string, lines: AdjustmentLine[]) {
  return [...lines]
    .sort((x, y) => x.userId.localeCompare(y.userId))
    .map((line) => ({
      poolId,
      userId: line.userId,
      kind: 'adjustment' as const,
      amount: line.amount,
      reason,
      characterName: line.characterName ? capitalizeName(line.characterName) : null,
    }));
}

/**
 * Points as users see them: balances and leaderboards from the balance table, histories paged
 * from the ledger, and adjustments posted through the ledger. Users and memberships come from
 * the platform; every row here comes from `PointsQueries`.
 */
@Injectable()
export class PointsService {
  constructor(
    private readonly queries: PointsQueries,
    private readonly ledger: LedgerService,
    private readonly pools: PoolsService,
    private readonly users: UsersService,
    private readonly members: MembersService,
  ) {}

  /** A user's points in every pool of the org (or one), with attendance rates. 404 for strangers. */
  async userPoints(orgId: string, userId: string, poolId?: string): Promise<UserPointsDto> {
    const user = await this.user(orgId, userId);
    const [balances, rates] = await Promise.all([
      this.balances(orgId, userId, poolId),
      this.attendanceRates(orgId, userId),
    ]);
    return { ...user, pools: balances.map((b) => ({ ...b, attendance: rates.get(b.poolId) ?? NO_ATTENDANCE })) };
  }

  /** Balances of the member linked to a Discord account, without the attendance figures. */
  async balanceByDiscordId(orgId: string, discordId: string, poolId?: string): Promise<UserBalanceDto> {
    const { member, pools } = await this.queries.balancesByDiscordId(orgId, discordId, poolId);
    if (!member) throw Problem.notFound('User');
    return {
      userId: member.id,
      username: member.username,
      discordId: member.discordId,
      pools: pools.map(toPoolBalanceDto),
    };
  }

  async userPoolPoints(orgId: string, userId: string, poolId: string): Promise<PoolPointsDto> {
    await this.pools.get(orgId, poolId);
    const { pools } = await this.userPoints(orgId, userId, poolId);
    return pools[0];
  }

  history(orgId: string, userId: string, q: PointHistoryQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.pageLedger(orgId, { userId, poolId: q.poolId, kind: q.kind }, q);
  }

  /** Every ledger row recorded under a character name, whoever owned it then. */
  characterAttribution(orgId: string, name: string, q: PointHistoryQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.pageLedger(orgId, { characterName: capitalizeName(name), poolId: q.poolId, kind: q.kind }, q);
  }

  adjustments(orgId: string, q: AdjustmentsQueryDto): Promise<Page<LedgerEntryDto>> {
    return this.pageLedger(orgId, { kind: 'adjustment', userId: q.userId, poolId: q.poolId }, q);
  }

  /**
   * A page of the leaderboard, read up to the page only (see `PointsQueries.leaderboard`): ranks
   * from the page's position, usernames with the page (the platform's fragment) and 30-day attendance rates (same
   * windows as `attendanceRates`) for that page's users only.
   */
  async leaderboard(orgId: string, poolId: string, limit: number, offset: number): Promise<Page<LeaderboardEntryDto>> {
    const now = new Date();
    const begin = daysBefore(now, 30);
    const page = await this.queries.leaderboard(orgId, poolId, { limit, offset }, { begin, now });
    // Balance rows imply their pool; an empty page may be a missing pool (404) or one past the end.
    const mode = page.windowStart ?? (await this.pools.get(orgId, poolId)).attendanceWindowStart;
    const ids = page.rows.map((r) => r.userId);
    const joined = mode === 'membership' && ids.length ? await this.joinedAt(orgId, ids) : new Map<string, Date>();
    const ranks = pageRanks(
      offset,
      page.aboveFirst,
      page.rows.map((r) => r.balance),
    );
    const beginMs = begin.getTime();
    const items = page.rows.map((row, i) => {
      const member = {
        attended: row.attended,
        attendedBefore: row.attendedBefore,
        joinedAt: joined.get(row.userId) ?? null,
      };
      const counts = countInWindow(beginMs, mode, member, page.held);
      const rate = attendancePercent(counts.attended, counts.held);
      return toLeaderboardEntry(row, ranks[i], rate);
    });
    return { items, total: page.total };
  }

  async adjust(ctx: PostingContext, dto: CreateAdjustmentDto): Promise<LedgerEntryDto> {
    const line = { userId: dto.userId, amount: dto.amount, characterName: dto.characterName };
    const [entry] = await this.postAdjustments(ctx, dto.poolId, dto.reason, [line]);
    return entry;
  }

  async bulkAdjust(ctx: PostingContext, dto: BulkAdjustmentDto): Promise<LedgerEntryDto[]> {
    const users = dto.entries.map((e) => e.userId);
    if (new Set(users).size !== users.length)
      throw Problem.validation([{ path: 'entries', message: 'each user may appear once' }]);
    return this.postAdjustments(ctx, dto.poolId, dto.reason, dto.entries);
  }

  /**
   * Attendance per pool over 30/60/90 days and lifetime, in percent. Each window starts at the
   * later of its own start and the user's record start in the pool (first raid, or membership
   * start when the pool says so: `attendance-window.ts`), so raids held before someone arrived do
   * not count against them. Pools where the user has no record start are left out. Recruitment
   * votes weigh by it.
   */
  async attendanceRates(orgId: string, userId: string): Promise<Map<string, AttendanceRatesDto>> {
    const now = new Date();
    const pools = await this.queries.recordStarts(orgId, userId, now);
    const joined = pools.some((p) => p.mode === 'membership') ? await this.joinedAt(orgId, [userId]) : new Map();
    const windows = pools.flatMap((pool): AttendanceWindowRow[] => {
      const since = recordStart(pool.mode, { firstRaidAt: pool.firstRaidAt, joinedAt: joined.get(userId) ?? null });
      return since ? [{ userId, poolId: pool.poolId, starts: windowStarts(now, since) }] : [];
    });
    const rows = await this.queries.attendanceCounts(orgId, windows, now);
    return new Map(rows.map((row) => [row.poolId, toAttendanceRates(row)]));
  }

  /** When each of `userIds` who is a member joined the org (the platform's membership start). */
  private async joinedAt(orgId: string, userIds: string[]): Promise<Map<string, Date>> {
    const members = await this.members.memberSummaries(orgId, { userIds });
    return new Map(members.map((m) => [m.id, m.joinedAt]));
  }

  /**
   * All or nothing: every user must be a member, and no removal may take a balance below zero.
   * Balance rows are locked in (user) order before the checks.
   */
  private async postAdjustments(
    ctx: PostingContext,
    poolId: string,
    reason: string,
    lines: AdjustmentLine[],
  ): Promise<LedgerEntryDto[]> {
    await this.pools.get(ctx.orgId, poolId);
    const known = await this.members.memberIdsAmong(
      ctx.orgId,
      lines.map((line) => line.userId),
    );
    const strangers = lines.filter((line) => !known.has(line.userId));
    if (strangers.length)
      throw new Problem(404, `Not members of this org: ${strangers.map((s) => s.userId).join(', ')}`);
    const postings = adjustmentPostings(poolId, reason, lines);
    const saved = await this.queries.transaction(async (tx) => {
      for (const posting of postings) {
        if (Number(posting.amount) < 0) {
          await this.ledger.assertCanSpend(tx, ctx.orgId, poolId, posting.userId, points(-Number(posting.amount)));
        }
      }
      return this.ledger.post(tx, ctx, postings);
    });
    return saved.map(toLedgerEntryDto);
  }

  /** The user's name and Discord id, when they are a member or have points here; 404 otherwise. */
  private async user(orgId: string, userId: string): Promise<UserHeader> {
    const user = (await this.users.summariesOf([userId])).get(userId);
    const known =
      user && ((await this.members.tierOf(orgId, userId)) !== null || (await this.queries.hasBalances(orgId, userId)));
    if (!user || !known) throw Problem.notFound('User');
    return { userId: user.id, username: user.username, discordId: user.discordId };
  }

  private async balances(orgId: string, userId: string, poolId?: string): Promise<PoolBalanceDto[]> {
    return (await this.queries.balances(orgId, userId, poolId)).map(toPoolBalanceDto);
  }

  private async pageLedger(
    orgId: string,
    filter: LedgerFilter,
    q: { limit: number; cursor?: string },
  ): Promise<Page<LedgerEntryDto>> {
    const rows = await this.queries.ledgerPage(orgId, filter, q);
    return keysetPage(rows, q.limit, (e) => timeAndId(e.createdAt, e.id), toLedgerEntryDto);
  }
}
