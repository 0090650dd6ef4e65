import { randomInt } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { UsersService } from '../../../platform/auth/users/users.service';
import { LiveEvents } from '../../../platform/events/live-events';
import { Problem } from '../../../platform/http/problem';
import { JobScheduler } from '../../../platform/jobs/job-scheduler';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { LootDto } from '../items/dto/loot.dto';
import { ItemsService } from '../items/items.service';
import { LootRepository } from '../items/loot.repository';
import { LootService } from '../items/loot.service';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { PoolsService } from '../pools/pools.service';
import { RaidsService } from '../raids/raids.service';
import { MemberOutcome, TransactionGroups } from '../../../platform/database/transaction-groups';
import {
  AcceptedBid,
  auctionRulesOf,
  balanceKey,
  BidJudgement,
  BidRefusal,
  CountingBid,
  decideStandingWinners,
  judgeBids,
  spendableCents,
  winnersCanPay,
} from './auction-rules';
import { BidSession } from './bid-session.entity';
import { Bid } from './bid.entity';
import { BiddingViewer, SYSTEM_VIEWER } from './bidding-viewer';
import { BiddingRepository, PlainCountingBid, SessionSummaryRow } from './bidding.repository';
import {
  BidDto,
  BidSessionDetailDto,
  BidSessionDto,
  ListBidSessionsQueryDto,
  MaxBidDto,
  PlaceBidDto,
  PlaceBidResultDto,
  StartBidSessionDto,
  WinnerDto,
} from './dto/bidding.dto';
import { BidValidationDto, SubmitBidResultDto, ValidateBidDto } from './dto/discord-bot.dto';

export type { BiddingViewer } from './bidding-viewer';

const CLOSE_CHECK_MS = 2_000;

/** `awardIn` found the session open past its close time: close it, then award (rolls the award back). */
class DueForClose extends Error {}
const NOBODY = '00000000-0000-0000-0000-000000000000';

export const biddingTopic = (orgId: string) => `dkp-bidding:${orgId}`;

function toBidDto(b: Bid): BidDto {
  return {
    id: b.id,
    userId: b.userId,
    characterName: b.characterName,
    amount: points(b.amount),
    roll: b.roll,
    price: b.price === null ? null : points(b.price),
    createdAt: b.createdAt,
  };
}

/** A session summary; the leading amount is hidden while a sealed auction is open, unless privileged. */
function toSessionDto(row: SessionSummaryRow, viewer: BiddingViewer): BidSessionDto {
  const { leading, ...session } = row;
  const hidden = row.rules.mode === 'sealed' && row.status === 'open' && !viewer.privileged;
  return { ...session, minBid: points(row.minBid), leadingAmount: hidden || leading === null ? null : points(leading) };
}

/** The summary of a session just bid on, from the locked row and what the bid left. */
function summaryAfterBid(session: BidSession, itemName: string, after: AcceptedBid): SessionSummaryRow {
  const { id, itemId, poolId, raidId, quantity, minBid, status, closedAt, awardedAt, rules, createdAt } = session;
  const fields = { id, itemId, poolId, raidId, quantity, minBid, status, closedAt, awardedAt, rules, createdAt };
  return { ...fields, itemName, closesAt: after.closesAt, leading: after.leading, bidCount: after.bidCount };
}

/** The problem answering a refused bid. */
function bidRefused(refusal: BidRefusal): Problem {
  if (refusal.reason === 'exceeds-balance') {
    return Problem.conflict(`The bid exceeds what you can spend (${refusal.maxBid})`, 'bid-exceeds-balance', {
      maxBid: refusal.maxBid,
    });
  }
  const detail = refusal.ownBid
    ? `Your bid stands at ${refusal.ownBid}; a new one must be higher`
    : `The bid must be at least ${refusal.minimumBid}`;
  return Problem.conflict(detail, 'bid-too-low', { minimumBid: refusal.minimumBid });
}

/** Why no bid can be placed on a session now (null when one can): not the org's, or not open. */
function unbiddable(session: BidSession | undefined, now: Date): Problem | null {
  if (!session) return Problem.notFound('Bid session');
  if (session.status === 'open' && session.closesAt > now) return null;
  return Problem.conflict('The auction is closed', 'auction-closed', {
    sessionStatus: session.status === 'open' ? 'closed' : session.status,
  });
}

/** The items with distinct keys, first of each kept, in order. */
function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}

/** A bid to place, as it waits for its org's next transaction of bids. */
interface BidRequest {
  orgId: string;
  sessionId: string;
  bidderId: string;
  characterName: string | null;
  amount: string;
}

/** A placed bid: the bid, who it outbid (open auctions) and the session after it. */
interface PlacedBid {
  bid: Bid;
  outbid: string | null;
  session: SessionSummaryRow;
}

/** Why a bot's chat bid cannot stand, or null when it can. */
function bidRefusal(amount: string, maxBid: string): string | null {
  if (Number(amount) <= 0) return 'amount must be positive';
  if (Number(amount) > Number(maxBid)) return `exceeds the maximum bid of ${maxBid}`;
  return null;
}

/**
 * Live auctions of item drops. Every change to a session happens under a lock on its row, so
 * 200 bids at once are judged one after another against the true leading bid; a bidder's
 * balance row is locked too, so their open commitments across sessions of a pool can never
 * exceed what they have. Closing and awarding are state transitions: repeating them has no
 * further effect.
 */
/** What a member may still bid in a pool: the balance less what they promised elsewhere. */
function toMaxBid(who: { userId: string; poolId: string }, balance: string, committed: string): MaxBidDto {
  return {
    userId: who.userId,
    poolId: who.poolId,
    balance,
    committed,
    maxBid: fromCents(Math.max(0, toCents(balance) - toCents(committed))),
  };
}

@Injectable()
export class BiddingService implements OnApplicationBootstrap {
  /** An org's bids that arrive together are placed together (see `placeBid`). */
  private readonly bidGroups: TransactionGroups<BidRequest, PlacedBid>;

  constructor(
    private readonly sessions: BiddingRepository,
    private readonly items: ItemsService,
    private readonly loot: LootService,
    private readonly characters: LootRepository,
    private readonly ledger: LedgerService,
    private readonly pools: PoolsService,
    private readonly raids: RaidsService,
    private readonly users: UsersService,
    private readonly live: LiveEvents,
    private readonly scheduler: JobScheduler,
    private readonly audit: AuditService,
  ) {
    this.bidGroups = this.sessions.transactionGroups(this.audit, (tx, bids) => this.placeBidsIn(tx, bids));
  }

  onApplicationBootstrap(): void {
    this.scheduler.every('dkp-close-auctions', CLOSE_CHECK_MS, () => this.closeExpired(new Date()));
  }

  async start(orgId: string, actorUserId: string | null, dto: StartBidSessionDto): Promise<BidSessionDto> {
    const session = await this.sessions.transaction((tx) => this.openSession(tx, orgId, actorUserId, dto));
    const started = await this.summary(orgId, session.id, { userId: actorUserId, privileged: true });
    this.live.publish(biddingTopic(orgId), 'session_started', { session: started });
    return started;
  }

  async list(orgId: string, q: ListBidSessionsQueryDto, viewer: BiddingViewer): Promise<BidSessionDto[]> {
    const ids = await this.sessions.sessionIds(orgId, q.status ?? 'open', q.poolId);
    return this.summaries(orgId, ids, viewer);
  }

  async detail(orgId: string, id: string, viewer: BiddingViewer): Promise<BidSessionDetailDto> {
    const session = await this.summary(orgId, id, viewer);
    const hidden = session.rules.mode === 'sealed' && session.status === 'open' && !viewer.privileged;
    const bids = await this.sessions.bids(id, hidden ? (viewer.userId ?? NOBODY) : undefined);
    const winners: WinnerDto[] = bids
      .filter((b) => b.price !== null)
      .map((b) => ({
        userId: b.userId,
        characterName: b.characterName,
        bid: points(b.amount),
        price: points(b.price),
        lootId: b.lootId,
      }));
    return { ...session, bids: bids.map(toBidDto), winners };
  }

  async placeBid(
    orgId: string,
    sessionId: string,
    viewer: BiddingViewer,
    dto: PlaceBidDto,
  ): Promise<PlaceBidResultDto> {
    const bidderId = await this.bidder(orgId, viewer, dto.discordId);
    const characterName = dto.characterName ? await this.ownCharacter(orgId, bidderId, dto.characterName) : null;
    // A bid locks its session's row and its bidder's balance, and the time those locks are held
    // bounds how fast an auction (or a bidder's auctions in a pool) takes bids. So the org's bids
    // that arrive while a transaction of its bids runs are placed together in the next one, judged
    // in arrival order as if each came alone (`judgeBids`), each with its own audit entry and
    // Idempotency-Key result (`TransactionGroups`). The org, not the session, is the key: a bid's
    // limit depends on the bidder's other auctions in the pool, and one transaction for them all
    // also takes the bids of many auctions running at once together.
    const { bid, outbid, session } = await this.bidGroups.run(orgId, {
      orgId,
      sessionId,
      bidderId,
      characterName,
      amount: dto.amount,
    });
    const summary = toSessionDto(session, viewer);
    this.announceBid(orgId, summary, bid, outbid);
    return { bid: toBidDto(bid), session: summary };
  }

  /** What a user may still bid in a pool: balance minus what they lead with or owe in its sessions. */
  async maxBid(orgId: string, poolId: string, discordId: string): Promise<MaxBidDto> {
    await this.pools.get(orgId, poolId);
    const userId = await this.memberByDiscordId(orgId, discordId);
    return this.maxBidNow(orgId, poolId, userId);
  }

  /** Whether a member could bid `amount` in a pool, before the bot accepts it in chat. */
  async validateBid(orgId: string, dto: ValidateBidDto): Promise<BidValidationDto> {
    const max = await this.maxBid(orgId, dto.poolId, dto.discordId);
    const reason = bidRefusal(dto.amount, max.maxBid);
    return { valid: reason === null, reason, maxBid: max.maxBid, balance: max.balance };
  }

  /** Records an auction the bot ran in chat: a loot award to the member with that Discord id. */
  async submitResult(posting: PostingContext, dto: SubmitBidResultDto): Promise<LootDto> {
    const userId = await this.memberByDiscordId(posting.orgId, dto.discordId);
    const { itemName, amount, poolId, raidId, characterName } = dto;
    return this.loot.award(posting, {
      itemName,
      userId,
      amount,
      poolId,
      raidId,
      ...(characterName ? { characterName } : {}),
    });
  }

  /** Closes a session and fixes its winners and prices. Closing a closed session changes nothing. */
  async close(orgId: string, id: string): Promise<BidSessionDetailDto> {
    const closedNow = await this.sessions.transaction((tx) => this.closeIn(tx, orgId, id));
    const detail = await this.detail(orgId, id, SYSTEM_VIEWER);
    if (closedNow)
      this.live.publish(biddingTopic(orgId), 'session_closed', {
        sessionId: id,
        itemName: detail.itemName,
        winners: detail.winners,
      });
    return detail;
  }

  /**
   * Debits the winners (one loot award each) and marks the session awarded, all in one
   * transaction. An open session past its close time is closed first; awarding twice is a no-op.
   */
  async award(posting: PostingContext, id: string): Promise<BidSessionDetailDto> {
    const awardedNow = await this.awardClosingIfDue(posting, id);
    const detail = await this.detail(posting.orgId, id, SYSTEM_VIEWER);
    if (awardedNow) {
      this.live.publish(biddingTopic(posting.orgId), 'session_awarded', {
        sessionId: id,
        itemName: detail.itemName,
        winners: detail.winners,
      });
    }
    return detail;
  }

  async cancel(orgId: string, id: string): Promise<BidSessionDetailDto> {
    const cancelledNow = await this.sessions.transaction(async (tx) => {
      const session = await this.sessions.load(tx, orgId, id, { lock: true });
      if (session.status === 'cancelled') return false;
      if (session.status === 'awarded') {
        throw Problem.conflict('The auction was awarded; reverse the loot award instead', 'auction-awarded', {
          sessionStatus: session.status,
        });
      }
      await this.sessions.clearPrices(tx, session.id);
      await this.sessions.updateSession(tx, session.id, {
        status: 'cancelled',
        closedAt: session.closedAt ?? new Date(),
      });
      return true;
    });
    const detail = await this.detail(orgId, id, SYSTEM_VIEWER);
    if (cancelledNow)
      this.live.publish(biddingTopic(orgId), 'session_cancelled', { sessionId: id, itemName: detail.itemName });
    return detail;
  }

  /** The job: closes every session whose time is up, on whichever instance gets there first. */
  async closeExpired(now: Date): Promise<void> {
    for (const session of await this.sessions.dueSessions(now)) await this.close(session.orgId, session.id);
  }

  private async openSession(
    tx: EntityManager,
    orgId: string,
    actorUserId: string | null,
    dto: StartBidSessionDto,
  ): Promise<BidSession> {
    const raid = dto.raidId ? await this.raids.load(orgId, dto.raidId, tx) : null;
    const poolId = dto.poolId ?? raid?.poolId;
    if (!poolId)
      throw Problem.validation([{ path: 'poolId', message: 'poolId is required for an auction outside a raid' }]);
    const pool = await this.pools.get(orgId, poolId, tx);
    const item = await this.items.byIdOrName(tx, orgId, dto);
    const closesAt = dto.closesAt ?? new Date(Date.now() + pool.defaultAuctionSeconds * 1000);
    if (closesAt <= new Date())
      throw Problem.validation([{ path: 'closesAt', message: 'closesAt must be in the future' }]);
    return this.sessions.insertSession(tx, {
      orgId,
      itemId: item.id,
      poolId,
      raidId: raid?.id ?? null,
      quantity: dto.quantity ?? 1,
      minBid: dto.minBid ?? '0.00',
      closesAt,
      rules: auctionRulesOf(pool),
      startedByUserId: actorUserId,
    });
  }

  /**
   * Places a group of bids of one org. Their sessions are locked (id order), the bids judged in
   * order (`judgeOpenBids`) and the accepted ones inserted in one statement. A bid on a session
   * that is not the org's or no longer open is refused alone.
   */
  private async placeBidsIn(tx: EntityManager, requests: BidRequest[]): Promise<MemberOutcome<PlacedBid>[]> {
    const { orgId } = requests[0];
    const locked = await this.sessions.lockWithItemNames(tx, orgId, [...new Set(requests.map((r) => r.sessionId))]);
    // The time bids are judged (and dated) at is taken under the session locks, not at transaction
    // start: a transaction that waited for a lock must not date its bids before bids committed
    // ahead of it, or a bidder's latest bid would not be the one that counts.
    const now = new Date();
    const refusals = requests.map(({ sessionId }) => unbiddable(locked.get(sessionId)?.session, now));
    const open = requests.filter((_, i) => !refusals[i]);
    if (!open.length) return refusals.map((refused) => ({ refused: refused! }));
    const judged = await this.judgeOpenBids(tx, orgId, open, locked, now);
    const inserted = await this.insertAccepted(tx, orgId, open, judged);
    return requests.map((request, i) => {
      const refusal = refusals[i];
      if (refusal) return { refused: refusal };
      const judgement = judged[open.indexOf(request)];
      if ('refused' in judgement) return { refused: bidRefused(judgement.refused) };
      const after = judgement.accepted;
      const { session, itemName } = locked.get(request.sessionId)!;
      return {
        result: { bid: inserted.shift()!, outbid: after.outbid, session: summaryAfterBid(session, itemName, after) },
      };
    });
  }

  /**
   * Judges a group's bids on open sessions (locked by the caller) in arrival order: locks the
   * bidders' balances (pool and user order) with the sessions' counting bids read, then reads
   * what the bidders promised in their pools' other sessions (after the balance locks, so bids
   * they placed there meanwhile are counted).
   */
  private async judgeOpenBids(
    tx: EntityManager,
    orgId: string,
    open: BidRequest[],
    locked: Map<string, { session: BidSession }>,
    now: Date,
  ): Promise<BidJudgement[]> {
    const openIds = [...new Set(open.map((r) => r.sessionId))];
    const bidders = uniqueBy(
      open.map((r) => ({ poolId: locked.get(r.sessionId)!.session.poolId, userId: r.bidderId })),
      (b) => balanceKey(b.poolId, b.userId),
    );
    const { counting, balances } = await this.sessions.countingBidsAndLockedBalances(tx, orgId, openIds, bidders);
    const committed = await this.sessions.committed(tx, orgId, bidders, openIds);
    const keys = bidders.map((b) => balanceKey(b.poolId, b.userId));
    const sessions = openIds.map((id) => {
      const { session } = locked.get(id)!;
      return { ...session, minBid: points(session.minBid), counting: counting.get(id) ?? [] };
    });
    return judgeBids(
      sessions,
      open.map((r) => ({ sessionId: r.sessionId, userId: r.bidderId, amount: r.amount })),
      spendableCents(keys, balances, committed),
      now,
    );
  }

  /** Inserts the accepted bids of a group, each with its own roll; returns them in the same order. */
  private async insertAccepted(
    tx: EntityManager,
    orgId: string,
    requests: BidRequest[],
    judged: BidJudgement[],
  ): Promise<Bid[]> {
    const accepted = requests.flatMap((request, i) => {
      const judgement = judged[i];
      return 'accepted' in judgement ? [{ request, after: judgement.accepted }] : [];
    });
    if (!accepted.length) return [];
    const rows = accepted.map(({ request, after }, i) => ({
      sessionId: request.sessionId,
      userId: request.bidderId,
      characterName: request.characterName,
      amount: request.amount,
      roll: randomInt(1, 1001),
      createdAt: after.placedAt,
      // A bidder's bid is superseded by their next one on the session in this group, if any.
      supersededAt:
        accepted
          .slice(i + 1)
          .find((next) => next.request.bidderId === request.bidderId && next.request.sessionId === request.sessionId)
          ?.after.placedAt ?? null,
    }));
    const sessions = new Map<string, { id: string; added: number; closesAt: Date | null }>();
    for (const { request, after } of accepted) {
      const counted = sessions.get(request.sessionId) ?? { id: request.sessionId, added: 0, closesAt: null };
      counted.added += 1;
      counted.closesAt = after.extendedTo ?? counted.closesAt;
      sessions.set(request.sessionId, counted);
    }
    return this.sessions.insertBids(tx, orgId, rows, [...sessions.values()]);
  }

  /** Live events for a bid: amounts only for open auctions, and `outbid` for the previous leader. */
  private announceBid(orgId: string, summary: BidSessionDto, bid: Bid, outbid: string | null): void {
    const sealed = summary.rules.mode === 'sealed';
    this.live.publish(biddingTopic(orgId), 'bid_placed', {
      sessionId: summary.id,
      itemName: summary.itemName,
      bidCount: summary.bidCount,
      closesAt: summary.closesAt,
      ...(sealed
        ? {}
        : {
            userId: bid.userId,
            characterName: bid.characterName,
            amount: points(bid.amount),
            leadingAmount: summary.leadingAmount,
          }),
    });
    if (outbid) {
      this.live.publish(biddingTopic(orgId), 'outbid', {
        sessionId: summary.id,
        itemName: summary.itemName,
        userId: outbid,
        leadingAmount: summary.leadingAmount,
      });
    }
  }

  /** Fixes winners and prices of an open session; false when it was closed already. */
  private async closeIn(tx: EntityManager, orgId: string, id: string): Promise<boolean> {
    const session = await this.sessions.load(tx, orgId, id, { lock: true });
    if (session.status === 'cancelled')
      throw Problem.conflict('The auction was cancelled', 'auction-cancelled', { sessionStatus: session.status });
    if (session.status !== 'open') return false;
    await this.fixWinners(tx, session);
    await this.sessions.updateSession(tx, session.id, { status: 'closed', closedAt: new Date() });
    return true;
  }

  /**
   * Gives a price to the counting bid of each winner, among the bids their bidders can still pay
   * (see `standingBids`): at close, and again at award when a winner can no longer pay.
   */
  private async fixWinners(tx: EntityManager, session: BidSession): Promise<void> {
    const counting = await this.withAttendance(tx, session, await this.sessions.countingBids(tx, session.id));
    const spendable = await this.spendable(
      tx,
      session,
      counting.map((b) => b.userId),
    );
    const winners = decideStandingWinners(counting, spendable, { ...session, minBid: points(session.minBid) });
    for (const winner of winners) await this.sessions.updateBid(tx, winner.bidId, { price: winner.price });
  }

  /**
   * The winners to debit: those fixed at close, or, when one of them can no longer pay (their
   * balance fell since), those a close would pick now. Passing over such a winner, rather than
   * refusing the award, is what keeps a closed auction from getting stuck.
   */
  private async payableWinners(tx: EntityManager, session: BidSession): Promise<Bid[]> {
    const fixed = await this.sessions.winningBids(tx, session.id);
    const spendable = await this.spendable(
      tx,
      session,
      fixed.map((b) => b.userId),
    );
    if (
      winnersCanPay(
        fixed.map((b) => ({ userId: b.userId, price: points(b.price) })),
        spendable,
      )
    )
      return fixed;
    // Rare path: it locks the other bidders' balances after the winners', out of user order; a
    // deadlock this may cause is retried by the transaction.
    await this.sessions.clearPrices(tx, session.id);
    await this.fixWinners(tx, session);
    return this.sessions.winningBids(tx, session.id);
  }

  /**
   * Locks the users' balance rows in the session's pool (user order) and returns what each can
   * still spend there. The lock comes first, so the debts read next include those of any close
   * that held these rows before us.
   */
  private async spendable(tx: EntityManager, session: BidSession, userIds: string[]): Promise<Map<string, number>> {
    const users = [...new Set(userIds)];
    const balances = await this.ledger.lockBalances(tx, session.orgId, session.poolId, users);
    const owed = await this.sessions.owed(tx, session, users);
    return spendableCents(users, balances, owed);
  }

  /** Debits each winner through a loot award of the session's item; false when it was awarded already. */
  /**
   * Awards; a session still open past its close time (the close job has not run yet) is closed
   * first. That case is rare, so it is found by the award's own locked read, not by a read up
   * front on every award (one statement fewer).
   */
  private async awardClosingIfDue(posting: PostingContext, id: string): Promise<boolean> {
    try {
      return await this.sessions.transaction((tx) => this.awardIn(tx, posting, id));
    } catch (error) {
      if (!(error instanceof DueForClose)) throw error;
      await this.close(posting.orgId, id);
      return this.sessions.transaction((tx) => this.awardIn(tx, posting, id));
    }
  }

  private async awardIn(tx: EntityManager, posting: PostingContext, id: string): Promise<boolean> {
    const session = await this.sessions.load(tx, posting.orgId, id, { lock: true });
    if (session.status === 'awarded') return false;
    if (session.status === 'open' && session.closesAt <= new Date()) throw new DueForClose();
    if (session.status !== 'closed') {
      throw Problem.conflict(`The auction is ${session.status}; close it before awarding`, 'auction-not-closed', {
        sessionStatus: session.status,
      });
    }
    for (const bid of await this.payableWinners(tx, session)) {
      const { id: lootId } = await this.loot.awardIn(tx, posting, {
        itemId: session.itemId,
        userId: bid.userId,
        amount: points(bid.price),
        poolId: session.poolId,
        raidId: session.raidId ?? undefined,
        ...(bid.characterName ? { characterName: bid.characterName } : {}),
      });
      await this.sessions.updateBid(tx, bid.id, { lootId });
    }
    await this.sessions.updateSession(tx, session.id, { status: 'awarded', awardedAt: new Date() });
    return true;
  }

  private async summary(orgId: string, id: string, viewer: BiddingViewer): Promise<BidSessionDto> {
    const [session] = await this.summaries(orgId, [id], viewer);
    if (!session) throw Problem.notFound('Bid session');
    return session;
  }

  private async summaries(orgId: string, ids: string[], viewer: BiddingViewer): Promise<BidSessionDto[]> {
    return (await this.sessions.summaries(orgId, ids)).map((row) => toSessionDto(row, viewer));
  }

  private async withAttendance(
    tx: EntityManager,
    session: BidSession,
    bids: PlainCountingBid[],
  ): Promise<CountingBid[]> {
    if (!bids.length) return [];
    const attended = await this.sessions.attendance30(
      tx,
      session.orgId,
      session.poolId,
      bids.map((b) => b.userId),
    );
    return bids.map((b) => ({ ...b, attendance30: attended.get(b.userId) ?? 0 }));
  }

  /**
   * Balance minus the counting bids with which the user holds a winning place in the pool's open
   * sessions and the prices of their closed, unawarded wins there, read without locks (a bid reads
   * them under its locks in `placeBidIn`).
   */
  private async maxBidNow(orgId: string, poolId: string, userId: string): Promise<MaxBidDto> {
    const balance = await this.ledger.balanceOf(undefined, orgId, poolId, userId, { lock: false });
    const committed = await this.sessions.committed(undefined, orgId, [{ poolId, userId }], []);
    return toMaxBid({ poolId, userId }, balance, committed.get(balanceKey(poolId, userId)) ?? '0.00');
  }

  /** The id of the org member linked to a Discord account; 404 otherwise. */
  private async memberByDiscordId(orgId: string, discordId: string): Promise<string> {
    const user = await this.users.memberByDiscordId(orgId, discordId);
    if (!user) throw Problem.notFound('Member with that Discord id');
    return user.id;
  }

  /** The user a bid is for: the caller, or (for officers and bots) the member with that Discord id. */
  private async bidder(orgId: string, viewer: BiddingViewer, discordId?: string): Promise<string> {
    if (discordId) {
      const userId = await this.memberByDiscordId(orgId, discordId);
      if (!viewer.privileged && userId !== viewer.userId)
        throw Problem.forbidden('Only officers and bots bid on behalf of others');
      return userId;
    }
    if (!viewer.userId)
      throw Problem.validation([{ path: 'discordId', message: 'a bot must say who bids (discordId)' }]);
    return viewer.userId;
  }

  private async ownCharacter(orgId: string, userId: string, name: string): Promise<string> {
    const character = await this.characters.characterByName(undefined, orgId, name);
    if (!character || character.userId !== userId) {
      throw Problem.validation([{ path: 'characterName', message: `${name} is not one of the bidder's characters` }]);
    }
    return character.name;
  }
}
