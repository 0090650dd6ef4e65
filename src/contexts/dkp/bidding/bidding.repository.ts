import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { DkpRepository } from '../common/dkp-repository';
import { points } from '../common/points';
import type { CountingBid } from './auction-rules';
import { AuctionRules, BidSession, BidSessionStatus } from './bid-session.entity';
import { Bid } from './bid.entity';

/** A bidder's counting bid before the attendance tie-break is looked up. */
export type PlainCountingBid = Omit<CountingBid, 'attendance30'>;

/** A session with its item's name, bid count and leading counting bid, as the SQL returns it. */
export interface SessionSummaryRow {
  id: string;
  itemId: string;
  itemName: string;
  poolId: string;
  raidId: string | null;
  quantity: number;
  minBid: string;
  status: BidSessionStatus;
  closesAt: Date;
  closedAt: Date | null;
  awardedAt: Date | null;
  rules: AuctionRules;
  leading: string | null;
  bidCount: number;
  createdAt: Date;
}

/** The SQL of auctions: bid sessions (`dkp_bid_sessions`) and their bids (`dkp_bids`). */
@Injectable()
export class BiddingRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** Ids of the org's sessions in a status (and pool), soonest to close first, at most 200. */
  async sessionIds(orgId: string, status: BidSessionStatus, poolId?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM dkp_bid_sessions WHERE org_id = $1 AND status = $2 AND ($3::uuid IS NULL OR pool_id = $3)
        ORDER BY closes_at, id LIMIT 200`,
      [orgId, status, poolId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Open sessions (of any org) whose time is up, oldest first, at most 100. */
  dueSessions(now: Date): Promise<{ id: string; orgId: string }[]> {
    return this.db.query(
      `SELECT id, org_id AS "orgId" FROM dkp_bid_sessions WHERE status = 'open' AND closes_at <= $1
        ORDER BY closes_at LIMIT 100`,
      [now],
    );
  }

  /** Sessions with their item, bid count and leading counting bid, soonest to close first. */
  summaries(orgId: string, ids: string[]): Promise<SessionSummaryRow[]> {
    return this.db.query(
      `SELECT s.id, s.item_id AS "itemId", i.name AS "itemName", s.pool_id AS "poolId", s.raid_id AS "raidId",
              s.quantity, s.min_bid AS "minBid", s.status, s.closes_at AS "closesAt", s.closed_at AS "closedAt",
              s.awarded_at AS "awardedAt", s.rules, s.created_at AS "createdAt",
              (SELECT count(*)::int FROM dkp_bids b WHERE b.session_id = s.id) AS "bidCount",
              (SELECT max(c.amount) FROM (SELECT DISTINCT ON (b.user_id) b.amount FROM dkp_bids b WHERE b.session_id = s.id
                                           ORDER BY b.user_id, b.created_at DESC, b.id DESC) c) AS leading
         FROM dkp_bid_sessions s JOIN dkp_items i ON i.id = s.item_id
        WHERE s.org_id = $1 AND s.id = ANY($2::uuid[])
        ORDER BY s.closes_at, s.id`,
      [orgId, ids],
    );
  }

  /** The session's bids, newest first; only one user's when `onlyUserId` is given. */
  bids(sessionId: string, onlyUserId?: string): Promise<Bid[]> {
    return this.db.getRepository(Bid).find({
      where: { sessionId, ...(onlyUserId === undefined ? {} : { userId: onlyUserId }) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The session's winning bids (those given a price at close), in bid order. */
  async winningBids(tx: EntityManager, sessionId: string): Promise<Bid[]> {
    const bids = await tx.find(Bid, { where: { sessionId }, order: { createdAt: 'ASC' } });
    return bids.filter((b) => b.price !== null);
  }

  /** Each bidder's latest bid in a session. */
  async countingBids(tx: EntityManager, sessionId: string): Promise<PlainCountingBid[]> {
    const rows: { id: string; user_id: string; amount: string; roll: number; created_at: string | Date }[] =
      await tx.query(
        `SELECT DISTINCT ON (user_id) id, user_id, amount, roll, created_at FROM dkp_bids WHERE session_id = $1
        ORDER BY user_id, created_at DESC, id DESC`,
        [sessionId],
      );
    return rows.map((r) => ({
      bidId: r.id,
      userId: r.user_id,
      amount: points(r.amount),
      roll: r.roll,
      placedAt: new Date(r.created_at),
    }));
  }

  /** Raids each user attended in the pool over the last 30 days (the attendance tie-break). */
  async attendance30(
    tx: EntityManager,
    orgId: string,
    poolId: string,
    userIds: string[],
  ): Promise<Map<string, number>> {
    const rows: { user_id: string; n: number }[] = await tx.query(
      `SELECT a.user_id, count(*)::int AS n FROM dkp_attendance a JOIN dkp_raids r ON r.id = a.raid_id
        WHERE a.org_id = $1 AND r.pool_id = $2 AND r.starts_at >= now() - interval '30 days' AND a.user_id = ANY($3::uuid[])
        GROUP BY a.user_id`,
      [orgId, poolId, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  /**
   * The sum of the counting bids with which the user holds a winning place in the open sessions
   * of the pool (but `exceptSessionId`): points already promised.
   */
  async committed(
    manager: EntityManager | undefined,
    key: { orgId: string; poolId: string; userId: string },
    exceptSessionId: string | null,
  ): Promise<string> {
    const [row] = await this.managerOf(manager).query(
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
      [key.orgId, key.poolId, key.userId, exceptSessionId],
    );
    return points(row.committed);
  }

  /** The session (404 when it is not the org's); `lock` holds its row until commit. */
  load(tx: EntityManager, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<BidSession> {
    return findInOrg(tx, BidSession, orgId, id, 'Bid session', options);
  }

  /** The session without a lock, or null (a peek before deciding what to do). */
  find(orgId: string, id: string): Promise<BidSession | null> {
    return this.db.getRepository(BidSession).findOne({ where: { id, orgId } });
  }

  insertSession(tx: EntityManager, session: Partial<BidSession>): Promise<BidSession> {
    return tx.save(BidSession, tx.create(BidSession, session));
  }

  insertBid(tx: EntityManager, bid: Omit<Bid, 'id' | 'price' | 'lootId'>): Promise<Bid> {
    return tx.save(Bid, tx.create(Bid, bid));
  }

  async updateSession(
    tx: EntityManager,
    id: string,
    changes: Partial<Pick<BidSession, 'status' | 'closesAt' | 'closedAt' | 'awardedAt'>>,
  ): Promise<void> {
    await tx.update(BidSession, { id }, changes);
  }

  async updateBid(tx: EntityManager, id: string, changes: Partial<Pick<Bid, 'price' | 'lootId'>>): Promise<void> {
    await tx.update(Bid, { id }, changes);
  }

  /** Clears the prices fixed at close (a cancelled auction has no winners). */
  async clearPrices(tx: EntityManager, sessionId: string): Promise<void> {
    await tx.update(Bid, { sessionId }, { price: null });
  }
}
