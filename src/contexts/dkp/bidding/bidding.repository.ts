import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { DkpRepository } from '../common/dkp-repository';
import { points } from '../common/points';
import { balanceKey, type CountingBid } from './auction-rules';
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
/** A counting bid as the auction rules take it, from its row. */
function toCountingBid(r: { id: string | null; user_id: string; amount: string; roll: number; created_at: Date }) {
  return {
    bidId: r.id!,
    userId: r.user_id,
    amount: points(r.amount),
    roll: r.roll,
    placedAt: new Date(r.created_at),
  };
}

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
              s.bid_count AS "bidCount",
              (SELECT max(b.amount) FROM dkp_bids b WHERE b.session_id = s.id AND b.superseded_at IS NULL) AS leading
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

  /** Each bidder's latest bid in a session (the counting bids: those not superseded). */
  async countingBids(tx: EntityManager, sessionId: string): Promise<PlainCountingBid[]> {
    const rows = await this.prepared<{ id: string; user_id: string; amount: string; roll: number; created_at: Date }>(
      tx,
      'qm_dkp_counting_bids',
      `SELECT id, user_id, amount, roll, created_at FROM dkp_bids WHERE session_id = $1 AND superseded_at IS NULL`,
      [sessionId],
    );
    return rows.map(toCountingBid);
  }

  /**
   * The counting bids of sessions (by session) and the bidders' balance rows, locked until commit
   * (in pool and user order, as every balance lock), in one statement: one round trip fewer while
   * the sessions are locked. Call it with the sessions' rows locked: no bid of theirs can commit
   * meanwhile, so the bids read with the statement's snapshot are current even when a balance
   * lock had to wait. What the bidders promised in other sessions is not read here: bids there
   * serialize on these balance locks, so it must be read by a later statement (`committed`).
   */
  async countingBidsAndLockedBalances(
    tx: EntityManager,
    orgId: string,
    sessionIds: string[],
    bidders: { poolId: string; userId: string }[],
  ): Promise<{ counting: Map<string, PlainCountingBid[]>; balances: Map<string, string> }> {
    const rows = await this.prepared<{
      balances: [string, string, string][] | null;
      session_id: string | null;
      id: string | null;
      user_id: string;
      amount: string;
      roll: number;
      created_at: Date;
    }>(
      tx,
      'qm_dkp_bids_and_balance_locks',
      `WITH locked AS (
         SELECT b.pool_id, b.user_id, b.balance
           FROM dkp_balances b JOIN unnest($3::uuid[], $4::uuid[]) AS k(pool_id, user_id)
                ON b.pool_id = k.pool_id AND b.user_id = k.user_id
          WHERE b.org_id = $1
          ORDER BY b.pool_id, b.user_id FOR UPDATE OF b
       )
       SELECT (SELECT json_agg(json_build_array(pool_id, user_id, balance::text)) FROM locked) AS balances,
              b.session_id, b.id, b.user_id, b.amount, b.roll, b.created_at
         FROM (SELECT 1) AS one
         LEFT JOIN dkp_bids b ON b.session_id = ANY($2::uuid[]) AND b.superseded_at IS NULL`,
      [orgId, sessionIds, bidders.map((b) => b.poolId), bidders.map((b) => b.userId)],
    );
    const counting = new Map(sessionIds.map((id) => [id, [] as PlainCountingBid[]]));
    for (const row of rows) if (row.session_id) counting.get(row.session_id)?.push(toCountingBid(row));
    const balances = (rows[0]?.balances ?? []).map(
      ([poolId, userId, balance]) => [balanceKey(poolId, userId), points(balance)] as const,
    );
    return { counting, balances: new Map(balances) };
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
   * Points each bidder has already promised in a pool (by `balanceKey`): the counting bids with
   * which they hold a winning place in its open sessions (but `exceptOpen`), plus the prices of
   * their wins in its closed sessions that are not awarded (debited) yet.
   */
  async committed(
    manager: EntityManager | undefined,
    orgId: string,
    bidders: { poolId: string; userId: string }[],
    exceptOpen: string[],
  ): Promise<Map<string, string>> {
    // Only the sessions where the user has a counting bid are looked at, through the partial
    // indexes on counting bids: the cost follows the users' bids, not the pool's.
    const rows = await this.prepared<{ pool_id: string; user_id: string; committed: string }>(
      manager,
      'qm_dkp_bid_commitments',
      `SELECT k.pool_id, k.user_id,
              (SELECT COALESCE(sum(mine.amount), 0)
                 FROM dkp_bids mine JOIN dkp_bid_sessions s ON s.id = mine.session_id
                WHERE mine.user_id = k.user_id AND mine.superseded_at IS NULL
                  AND s.org_id = $1 AND s.pool_id = k.pool_id AND s.status = 'open' AND s.id <> ALL($4::uuid[])
                  AND (SELECT count(*) FROM dkp_bids other
                        WHERE other.session_id = mine.session_id AND other.superseded_at IS NULL
                          AND (other.amount > mine.amount
                               OR (other.amount = mine.amount AND other.created_at < mine.created_at))) < s.quantity)
            + (SELECT COALESCE(sum(b.price), 0) FROM dkp_bids b JOIN dkp_bid_sessions s ON s.id = b.session_id
                WHERE b.user_id = k.user_id AND b.superseded_at IS NULL AND b.price IS NOT NULL
                  AND s.org_id = $1 AND s.pool_id = k.pool_id AND s.status = 'closed') AS committed
         FROM unnest($2::uuid[], $3::uuid[]) AS k(pool_id, user_id)`,
      [orgId, bidders.map((b) => b.poolId), bidders.map((b) => b.userId), exceptOpen],
    );
    return new Map(rows.map((r) => [balanceKey(r.pool_id, r.user_id), points(r.committed)]));
  }

  /**
   * What each user owes in the session's pool for wins in its other closed, not yet awarded
   * sessions (their prices; users owing nothing are absent).
   */
  async owed(tx: EntityManager, session: BidSession, userIds: string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { user_id: string; owed: string }[] = await tx.query(
      `SELECT b.user_id, sum(b.price) AS owed FROM dkp_bids b JOIN dkp_bid_sessions s ON s.id = b.session_id
        WHERE s.org_id = $1 AND s.pool_id = $2 AND s.status = 'closed' AND s.id <> $3
          AND b.price IS NOT NULL AND b.user_id = ANY($4::uuid[])
        GROUP BY b.user_id`,
      [session.orgId, session.poolId, session.id, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, points(r.owed)]));
  }

  /** The session (404 when it is not the org's); `lock` holds its row until commit. */
  load(tx: EntityManager, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<BidSession> {
    return findInOrg(tx, BidSession, orgId, id, 'Bid session', options);
  }

  /** Sessions of the org locked until commit (in id order), each with its item's name, in one statement. */
  async lockWithItemNames(
    tx: EntityManager,
    orgId: string,
    ids: string[],
  ): Promise<Map<string, { session: BidSession; itemName: string }>> {
    const rows = await this.prepared<BidSession & { itemName: string }>(
      tx,
      'qm_dkp_bid_sessions_lock',
      `SELECT s.id, s.org_id AS "orgId", s.item_id AS "itemId", s.pool_id AS "poolId", s.raid_id AS "raidId",
              s.quantity, s.min_bid AS "minBid", s.status, s.closes_at AS "closesAt", s.closed_at AS "closedAt",
              s.awarded_at AS "awardedAt", s.rules, s.started_by_user_id AS "startedByUserId",
              s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.bid_count AS "bidCount", i.name AS "itemName"
         FROM dkp_bid_sessions s JOIN dkp_items i ON i.id = s.item_id
        WHERE s.org_id = $1 AND s.id = ANY($2::uuid[])
        ORDER BY s.id
          FOR UPDATE OF s`,
      [orgId, [...ids].sort()],
    );
    return new Map(
      rows.map(({ itemName, ...session }) => [
        session.id,
        { session: Object.assign(new BidSession(), session), itemName },
      ]),
    );
  }

  /** The session without a lock, or null (a peek before deciding what to do). */
  find(orgId: string, id: string): Promise<BidSession | null> {
    return this.db.getRepository(BidSession).findOne({ where: { id, orgId } });
  }

  insertSession(tx: EntityManager, session: Partial<BidSession>): Promise<BidSession> {
    return tx.save(BidSession, tx.create(BidSession, session));
  }

  /**
   * Places bids in one statement: each bidder's previous counting bid in a session is marked
   * superseded (by their first new bid there), the sessions' bid counts move (and their close
   * times, where a bid extended them), and the bids are inserted. A bidder's new bids in a session
   * but the last come superseded already (`supersededAt`). Call it with the sessions locked.
   */
  async insertBids(
    tx: EntityManager,
    orgId: string,
    bids: Pick<Bid, 'sessionId' | 'userId' | 'characterName' | 'amount' | 'roll' | 'createdAt' | 'supersededAt'>[],
    sessions: { id: string; added: number; closesAt: Date | null }[],
  ): Promise<Bid[]> {
    const rows = await this.prepared<Bid>(
      tx,
      'qm_dkp_bids_insert',
      `WITH placed AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::numeric[], $6::smallint[],
                              $7::timestamptz[], $8::timestamptz[])
                    AS p(session_id, user_id, character_name, amount, roll, created_at, superseded_at)
       ), superseded AS (
         UPDATE dkp_bids b SET superseded_at = first.placed_at
           FROM (SELECT session_id, user_id, min(created_at) AS placed_at FROM placed GROUP BY session_id, user_id)
                AS first
          WHERE b.session_id = first.session_id AND b.user_id = first.user_id AND b.superseded_at IS NULL
       ), counted AS (
         UPDATE dkp_bid_sessions s SET bid_count = s.bid_count + c.added, closes_at = COALESCE(c.closes_at, s.closes_at)
           FROM unnest($9::uuid[], $10::int[], $11::timestamptz[]) AS c(id, added, closes_at)
          WHERE s.id = c.id
       )
       INSERT INTO dkp_bids (org_id, session_id, user_id, character_name, amount, roll, created_at, superseded_at)
       SELECT $1, session_id, user_id, character_name, amount, roll, created_at, superseded_at FROM placed
       RETURNING id, org_id AS "orgId", session_id AS "sessionId", user_id AS "userId",
                 character_name AS "characterName", amount, roll, price, loot_id AS "lootId",
                 superseded_at AS "supersededAt", created_at AS "createdAt"`,
      [
        orgId,
        bids.map((b) => b.sessionId),
        bids.map((b) => b.userId),
        bids.map((b) => b.characterName),
        bids.map((b) => b.amount),
        bids.map((b) => b.roll),
        bids.map((b) => b.createdAt),
        bids.map((b) => b.supersededAt),
        sessions.map((s) => s.id),
        sessions.map((s) => s.added),
        sessions.map((s) => s.closesAt),
      ],
    );
    // The bids in the order given (a bid's time is unique in its session).
    const key = (sessionId: string, at: Date) => `${sessionId}/${new Date(at).getTime()}`;
    const inserted = new Map(rows.map((row) => [key(row.sessionId, row.createdAt), row]));
    return bids.map((b) => Object.assign(new Bid(), inserted.get(key(b.sessionId, b.createdAt))));
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
