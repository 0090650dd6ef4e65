import { randomInt } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { LiveEvents } from '../../../platform/events/live-events';
import { Problem } from '../../../platform/http/problem';
import { JobScheduler } from '../../../platform/jobs/job-scheduler';
import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import { ItemsService } from '../items/items.service';
import { Item } from '../items/item.entity';
import { LootService } from '../items/loot.service';
import { PostingContext } from '../points/ledger.service';
import { Pool } from '../pools/pool.entity';
import { Raid } from '../raids/raid.entity';
import { Character } from '../roster/character.entity';
import { auctionRulesOf, CountingBid, decideWinners, lowestAcceptableBid } from './auction-rules';
import { AuctionRules, BidSession } from './bid-session.entity';
import { Bid } from './bid.entity';
import { BidDto, BidSessionDetailDto, BidSessionDto, ListBidSessionsQueryDto, MaxBidDto, PlaceBidDto, PlaceBidResultDto, StartBidSessionDto, WinnerDto } from './dto/bidding.dto';

const CLOSE_CHECK_MS = 2_000;

/** Who is asking: officers and bots see sealed bids and may act for others. */
export interface BiddingViewer {
  userId: string | null;
  privileged: boolean;
}

export const biddingTopic = (orgId: string) => `dkp-bidding:${orgId}`;

function toBidDto(b: Bid): BidDto {
  return { id: b.id, userId: b.userId, characterName: b.characterName, amount: points(b.amount), roll: b.roll, price: b.price === null ? null : points(b.price), createdAt: b.createdAt };
}

/**
 * Live auctions of item drops. Every change to a session happens under a lock on its row, so
 * 200 bids at once are judged one after another against the true leading bid; a bidder's
 * balance row is locked too, so their open commitments across sessions of a pool can never
 * exceed what they have. Closing and awarding are state transitions: repeating them has no
 * further effect.
 */
@Injectable()
export class BiddingService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly items: ItemsService,
    private readonly loot: LootService,
    private readonly live: LiveEvents,
    private readonly scheduler: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.every('dkp-close-auctions', CLOSE_CHECK_MS, () => this.closeExpired(new Date()));
  }

  async start(orgId: string, actorUserId: string | null, dto: StartBidSessionDto): Promise<BidSessionDto> {
    const session = await withTransaction(this.db, async (tx) => {
      const raid = dto.raidId ? await findInOrg(tx, Raid, orgId, dto.raidId, 'Raid') : null;
      const poolId = dto.poolId ?? raid?.poolId;
      if (!poolId) throw Problem.validation([{ path: 'poolId', message: 'poolId is required for an auction outside a raid' }]);
      const pool = await findInOrg(tx, Pool, orgId, poolId, 'Pool');
      const item = dto.itemId ? await findInOrg(tx, Item, orgId, dto.itemId, 'Item') : await this.items.findOrCreateByName(tx, orgId, dto.itemName!);
      const closesAt = dto.closesAt ?? new Date(Date.now() + pool.defaultAuctionSeconds * 1000);
      if (closesAt <= new Date()) throw Problem.validation([{ path: 'closesAt', message: 'closesAt must be in the future' }]);
      return tx.save(BidSession, tx.create(BidSession, { orgId, itemId: item.id, poolId, raidId: raid?.id ?? null, quantity: dto.quantity ?? 1, minBid: dto.minBid ?? '0.00', closesAt, rules: auctionRulesOf(pool), startedByUserId: actorUserId }));
    });
    const started = await this.summary(orgId, session.id, { userId: actorUserId, privileged: true });
    this.live.publish(biddingTopic(orgId), 'session_started', { session: started });
    return started;
  }

  async list(orgId: string, q: ListBidSessionsQueryDto, viewer: BiddingViewer): Promise<BidSessionDto[]> {
    const ids: { id: string }[] = await this.db.query(
      `SELECT id FROM dkp_bid_sessions WHERE org_id = $1 AND status = $2 AND ($3::uuid IS NULL OR pool_id = $3) ORDER BY closes_at, id LIMIT 200`,
      [orgId, q.status ?? 'open', q.poolId ?? null],
    );
    return this.summaries(orgId, ids.map((r) => r.id), viewer);
  }

  async detail(orgId: string, id: string, viewer: BiddingViewer): Promise<BidSessionDetailDto> {
    const session = await this.summary(orgId, id, viewer);
    const hidden = session.rules.mode === 'sealed' && session.status === 'open' && !viewer.privileged;
    const bids = await this.db.getRepository(Bid).find({ where: { sessionId: id, ...(hidden ? { userId: viewer.userId ?? '00000000-0000-0000-0000-000000000000' } : {}) }, order: { createdAt: 'DESC', id: 'DESC' } });
    const winners: WinnerDto[] = bids
      .filter((b) => b.price !== null)
      .map((b) => ({ userId: b.userId, characterName: b.characterName, bid: points(b.amount), price: points(b.price), lootId: b.lootId }));
    return { ...session, bids: bids.map(toBidDto), winners };
  }

  async placeBid(orgId: string, sessionId: string, viewer: BiddingViewer, dto: PlaceBidDto): Promise<PlaceBidResultDto> {
    const bidderId = await this.bidder(orgId, viewer, dto.discordId);
    const { bid, outbid } = await withTransaction(this.db, async (tx) => {
      const session = await findInOrg(tx, BidSession, orgId, sessionId, 'Bid session', { lock: true });
      const now = new Date();
      if (session.status !== 'open' || session.closesAt <= now) {
        throw Problem.conflict('The auction is closed', 'auction-closed', { sessionStatus: session.status === 'open' ? 'closed' : session.status });
      }
      const characterName = dto.characterName ? await this.ownCharacter(tx, orgId, bidderId, dto.characterName) : null;
      const counting = await this.countingBids(tx, session.id);
      const others = counting.filter((b) => b.userId !== bidderId);
      const mine = counting.find((b) => b.userId === bidderId);
      const lowest = lowestAcceptableBid(others.map((b) => b.amount), session.rules, session.quantity, points(session.minBid));
      if (toCents(dto.amount) < lowest) {
        throw Problem.conflict(`The bid must be at least ${fromCents(lowest)}`, 'bid-too-low', { minimumBid: fromCents(lowest) });
      }
      if (session.rules.mode === 'open' && mine && toCents(dto.amount) <= toCents(mine.amount)) {
        throw Problem.conflict(`Your bid stands at ${points(mine.amount)}; a new one must be higher`, 'bid-too-low', { minimumBid: fromCents(toCents(mine.amount) + 1) });
      }
      const max = await this.maxBidIn(tx, orgId, session.poolId, bidderId, session.id, true);
      if (toCents(dto.amount) > toCents(max.maxBid)) {
        throw Problem.conflict(`The bid exceeds what you can spend (${max.maxBid})`, 'bid-exceeds-balance', { maxBid: max.maxBid });
      }
      const leaderBefore = this.leader(counting, session);
      // The bid's time is taken under the session lock, not at transaction start (the column's
      // default, now()): a transaction that waited for the lock must not date its bid before bids
      // committed ahead of it, or a bidder's latest bid would not be the one that counts.
      const latest = Math.max(0, ...counting.map((b) => b.placedAt.getTime()));
      const placedAt = new Date(Math.max(Date.now(), latest + 1));
      const saved = await tx.save(Bid, tx.create(Bid, { orgId, sessionId: session.id, userId: bidderId, characterName, amount: dto.amount, roll: randomInt(1, 1001), createdAt: placedAt }));
      const snipeWindow = session.rules.antiSnipeSeconds * 1000;
      if (snipeWindow && session.closesAt.getTime() - now.getTime() < snipeWindow) {
        await tx.update(BidSession, { id: session.id }, { closesAt: new Date(now.getTime() + snipeWindow) });
      }
      const outbidUser = session.rules.mode === 'open' && leaderBefore && leaderBefore !== bidderId ? leaderBefore : null;
      return { bid: saved, outbid: outbidUser };
    });
    const summary = await this.summary(orgId, sessionId, viewer);
    const sealed = summary.rules.mode === 'sealed';
    this.live.publish(biddingTopic(orgId), 'bid_placed', {
      sessionId,
      itemName: summary.itemName,
      bidCount: summary.bidCount,
      closesAt: summary.closesAt,
      ...(sealed ? {} : { userId: bid.userId, characterName: bid.characterName, amount: points(bid.amount), leadingAmount: summary.leadingAmount }),
    });
    if (outbid) this.live.publish(biddingTopic(orgId), 'outbid', { sessionId, itemName: summary.itemName, userId: outbid, leadingAmount: summary.leadingAmount });
    return { bid: toBidDto(bid), session: summary };
  }

  /** What a user may still bid in a pool: balance minus what they lead with in its open sessions. */
  async maxBid(orgId: string, poolId: string, discordId: string): Promise<MaxBidDto> {
    await findInOrg(this.db.manager, Pool, orgId, poolId, 'Pool');
    const userId = await this.memberByDiscordId(orgId, discordId);
    return this.maxBidIn(this.db.manager, orgId, poolId, userId, null, false);
  }

  /** The id of the org member linked to a Discord account; 404 otherwise. */
  async memberByDiscordId(orgId: string, discordId: string): Promise<string> {
    const [user] = await this.db.query('SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.org_id = $1 WHERE u.discord_id = $2', [orgId, discordId]);
    if (!user) throw Problem.notFound('Member with that Discord id');
    return user.id;
  }

  /** Closes a session and fixes its winners and prices. Closing a closed session changes nothing. */
  async close(orgId: string, id: string): Promise<BidSessionDetailDto> {
    const closedNow = await withTransaction(this.db, async (tx) => {
      const session = await findInOrg(tx, BidSession, orgId, id, 'Bid session', { lock: true });
      if (session.status === 'cancelled') throw Problem.conflict('The auction was cancelled', 'auction-cancelled', { sessionStatus: session.status });
      if (session.status !== 'open') return false;
      const counting = await this.countingBids(tx, session.id);
      const winners = decideWinners(await this.withAttendance(tx, session, counting), session.rules, session.quantity, points(session.minBid));
      for (const w of winners) await tx.update(Bid, { id: w.bidId }, { price: w.price });
      await tx.update(BidSession, { id: session.id }, { status: 'closed', closedAt: new Date() });
      return true;
    });
    const detail = await this.detail(orgId, id, { userId: null, privileged: true });
    if (closedNow) this.live.publish(biddingTopic(orgId), 'session_closed', { sessionId: id, itemName: detail.itemName, winners: detail.winners });
    return detail;
  }

  /**
   * Debits the winners (one loot award each) and marks the session awarded, all in one
   * transaction. An open session past its close time is closed first; awarding twice is a no-op.
   */
  async award(ctx: PostingContext, id: string): Promise<BidSessionDetailDto> {
    const pending = await this.db.getRepository(BidSession).findOne({ where: { id, orgId: ctx.orgId } });
    if (pending?.status === 'open' && pending.closesAt <= new Date()) await this.close(ctx.orgId, id);
    const awardedNow = await withTransaction(this.db, async (tx) => {
      const session = await findInOrg(tx, BidSession, ctx.orgId, id, 'Bid session', { lock: true });
      if (session.status === 'awarded') return false;
      if (session.status !== 'closed') throw Problem.conflict(`The auction is ${session.status}; close it before awarding`, 'auction-not-closed', { sessionStatus: session.status });
      const winners = await tx.find(Bid, { where: { sessionId: session.id }, order: { createdAt: 'ASC' } }).then((bids) => bids.filter((b) => b.price !== null));
      for (const bid of winners) {
        const lootId = await this.loot.awardIn(tx, ctx, { itemId: session.itemId, userId: bid.userId, amount: points(bid.price), poolId: session.poolId, raidId: session.raidId ?? undefined, ...(bid.characterName ? { characterName: bid.characterName } : {}) });
        await tx.update(Bid, { id: bid.id }, { lootId });
      }
      await tx.update(BidSession, { id: session.id }, { status: 'awarded', awardedAt: new Date() });
      return true;
    });
    const detail = await this.detail(ctx.orgId, id, { userId: null, privileged: true });
    if (awardedNow) this.live.publish(biddingTopic(ctx.orgId), 'session_awarded', { sessionId: id, itemName: detail.itemName, winners: detail.winners });
    return detail;
  }

  async cancel(orgId: string, id: string): Promise<BidSessionDetailDto> {
    const cancelledNow = await withTransaction(this.db, async (tx) => {
      const session = await findInOrg(tx, BidSession, orgId, id, 'Bid session', { lock: true });
      if (session.status === 'cancelled') return false;
      if (session.status === 'awarded') throw Problem.conflict('The auction was awarded; reverse the loot award instead', 'auction-awarded', { sessionStatus: session.status });
      await tx.update(Bid, { sessionId: session.id }, { price: null });
      await tx.update(BidSession, { id: session.id }, { status: 'cancelled', closedAt: session.closedAt ?? new Date() });
      return true;
    });
    const detail = await this.detail(orgId, id, { userId: null, privileged: true });
    if (cancelledNow) this.live.publish(biddingTopic(orgId), 'session_cancelled', { sessionId: id, itemName: detail.itemName });
    return detail;
  }

  /** The job: closes every session whose time is up, on whichever instance gets there first. */
  async closeExpired(now: Date): Promise<void> {
    const due: { id: string; org_id: string }[] = await this.db.query("SELECT id, org_id FROM dkp_bid_sessions WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at LIMIT 100", [now]);
    for (const s of due) await this.close(s.org_id, s.id);
  }

  private async summary(orgId: string, id: string, viewer: BiddingViewer): Promise<BidSessionDto> {
    const [session] = await this.summaries(orgId, [id], viewer);
    if (!session) throw Problem.notFound('Bid session');
    return session;
  }

  /** Sessions with their item, bid count and leading counting bid (hidden while sealed, unless privileged). */
  private async summaries(orgId: string, ids: string[], viewer: BiddingViewer): Promise<BidSessionDto[]> {
    const rows = await this.db.query(
      `SELECT s.*, i.name AS item_name,
              (SELECT count(*)::int FROM dkp_bids b WHERE b.session_id = s.id) AS bid_count,
              (SELECT max(c.amount) FROM (SELECT DISTINCT ON (b.user_id) b.amount FROM dkp_bids b WHERE b.session_id = s.id
                                           ORDER BY b.user_id, b.created_at DESC, b.id DESC) c) AS leading
         FROM dkp_bid_sessions s JOIN dkp_items i ON i.id = s.item_id
        WHERE s.org_id = $1 AND s.id = ANY($2::uuid[])
        ORDER BY s.closes_at, s.id`,
      [orgId, ids],
    );
    return rows.map((row: Record<string, never>) => {
      const rules = row.rules as AuctionRules;
      const hidden = rules.mode === 'sealed' && row.status === 'open' && !viewer.privileged;
      return {
        id: row.id,
        itemId: row.item_id,
        itemName: row.item_name,
        poolId: row.pool_id,
        raidId: row.raid_id,
        quantity: row.quantity,
        minBid: points(row.min_bid),
        status: row.status,
        closesAt: row.closes_at,
        closedAt: row.closed_at,
        awardedAt: row.awarded_at,
        rules,
        leadingAmount: hidden || row.leading === null ? null : points(row.leading),
        bidCount: row.bid_count,
        createdAt: row.created_at,
      };
    });
  }

  /** Each bidder's latest bid in a session. */
  private async countingBids(tx: EntityManager, sessionId: string): Promise<Omit<CountingBid, 'attendance30'>[]> {
    const rows = await tx.query(
      `SELECT DISTINCT ON (user_id) id, user_id, amount, roll, created_at FROM dkp_bids WHERE session_id = $1 ORDER BY user_id, created_at DESC, id DESC`,
      [sessionId],
    );
    return rows.map((r: Record<string, never>) => ({ bidId: r.id, userId: r.user_id, amount: points(r.amount), roll: r.roll, placedAt: new Date(r.created_at) }));
  }

  private leader(counting: Omit<CountingBid, 'attendance30'>[], session: BidSession): string | null {
    const best = [...counting].sort((a, b) => toCents(b.amount) - toCents(a.amount) || a.placedAt.getTime() - b.placedAt.getTime())[0];
    return session.quantity === 1 && best ? best.userId : null;
  }

  private async withAttendance(tx: EntityManager, session: BidSession, bids: Omit<CountingBid, 'attendance30'>[]): Promise<CountingBid[]> {
    if (!bids.length) return [];
    const rows: { user_id: string; n: number }[] = await tx.query(
      `SELECT a.user_id, count(*)::int AS n FROM dkp_attendance a JOIN dkp_raids r ON r.id = a.raid_id
        WHERE a.org_id = $1 AND r.pool_id = $2 AND r.starts_at >= now() - interval '30 days' AND a.user_id = ANY($3::uuid[])
        GROUP BY a.user_id`,
      [session.orgId, session.poolId, bids.map((b) => b.userId)],
    );
    const attended = new Map(rows.map((r) => [r.user_id, r.n]));
    return bids.map((b) => ({ ...b, attendance30: attended.get(b.userId) ?? 0 }));
  }

  /**
   * Balance minus the counting bids with which the user holds a winning place in other open
   * sessions of the pool. `lock` takes the balance row, serializing a user's bids across sessions.
   */
  private async maxBidIn(tx: EntityManager, orgId: string, poolId: string, userId: string, exceptSessionId: string | null, lock: boolean): Promise<MaxBidDto> {
    const [balanceRow] = await tx.query(`SELECT balance FROM dkp_balances WHERE org_id = $1 AND pool_id = $2 AND user_id = $3 ${lock ? 'FOR UPDATE' : ''}`, [orgId, poolId, userId]);
    const [committedRow] = await tx.query(
      `WITH counting AS (
         SELECT DISTINCT ON (b.session_id, b.user_id) b.session_id, b.user_id, b.amount, b.created_at
           FROM dkp_bids b JOIN dkp_bid_sessions s ON s.id = b.session_id
          WHERE s.org_id = $1 AND s.pool_id = $2 AND s.status = 'open' AND ($4::uuid IS NULL OR s.id <> $4)
          ORDER BY b.session_id, b.user_id, b.created_at DESC
       ), placed AS (
         SELECT c.*, s.quantity, row_number() OVER (PARTITION BY c.session_id ORDER BY c.amount DESC, c.created_at) AS place
           FROM counting c JOIN dkp_bid_sessions s ON s.id = c.session_id
       )
       SELECT COALESCE(sum(amount), 0) AS committed FROM placed WHERE user_id = $3 AND place <= quantity`,
      [orgId, poolId, userId, exceptSessionId],
    );
    const balance = points(balanceRow?.balance);
    const committed = points(committedRow.committed);
    return { userId, poolId, balance, committed, maxBid: fromCents(Math.max(0, toCents(balance) - toCents(committed))) };
  }

  /** The user a bid is for: the caller, or (for officers and bots) the member with that Discord id. */
  private async bidder(orgId: string, viewer: BiddingViewer, discordId?: string): Promise<string> {
    if (discordId) {
      const userId = await this.memberByDiscordId(orgId, discordId);
      if (!viewer.privileged && userId !== viewer.userId) throw Problem.forbidden('Only officers and bots bid on behalf of others');
      return userId;
    }
    if (!viewer.userId) throw Problem.validation([{ path: 'discordId', message: 'a bot must say who bids (discordId)' }]);
    return viewer.userId;
  }

  private async ownCharacter(tx: EntityManager, orgId: string, userId: string, name: string): Promise<string> {
    const character = await tx.findOne(Character, { where: { orgId, nameKey: name.toLowerCase() } });
    if (!character || character.userId !== userId) throw Problem.validation([{ path: 'characterName', message: `${name} is not one of the bidder's characters` }]);
    return character.name;
  }
}
