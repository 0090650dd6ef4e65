import { fromCents, toCents } from '../common/cents';
import { points } from '../common/points';
import type { Pool } from '../pools/pool.entity';
import type { AuctionRules } from './bid-session.entity';

/** The pool's auction settings, as a session keeps them from its start. */
export function auctionRulesOf(pool: Pool): AuctionRules {
  return {
    mode: pool.auctionMode,
    pricing: pool.auctionPricing,
    secondPriceIncrement: points(pool.secondPriceIncrement),
    minIncrement: points(pool.minIncrement),
    allowEqualBids: pool.allowEqualBids,
    tieBreakOrder: pool.tieBreakOrder,
    antiSnipeSeconds: pool.antiSnipeSeconds,
  };
}

/** A bidder's counting bid (their latest) with what the tie-breaks need. */
export interface CountingBid {
  bidId: string;
  userId: string;
  amount: string;
  placedAt: Date;
  roll: number;
  /** Raids attended in the pool over the last 30 days. */
  attendance30: number;
}

export interface Winner {
  bidId: string;
  userId: string;
  amount: string;
  price: string;
}

/** Highest amount first; equal amounts by the session's tie-break order; the roll settles the rest. */
export function rankBids(bids: CountingBid[], rules: Pick<AuctionRules, 'tieBreakOrder'>): CountingBid[] {
  const order = [...rules.tieBreakOrder.filter((t) => t !== 'roll'), 'roll' as const];
  return [...bids].sort((a, b) => {
    const byAmount = toCents(b.amount) - toCents(a.amount);
    if (byAmount) return byAmount;
    for (const tieBreak of order) {
      const diff =
        tieBreak === 'earliest_bid'
          ? a.placedAt.getTime() - b.placedAt.getTime()
          : tieBreak === 'attendance'
            ? b.attendance30 - a.attendance30
            : b.roll - a.roll;
      if (diff) return diff;
    }
    return a.bidId.localeCompare(b.bidId);
  });
}

/**
 * The top `quantity` bidders win. First price: each pays their bid. Second price: each pays the
 * best losing bid (or the minimum bid when nobody lost) plus the increment, never more than
 * their own bid and never less than the minimum.
 */
export function decideWinners(bids: CountingBid[], rules: AuctionRules, quantity: number, minBid: string): Winner[] {
  const ranked = rankBids(bids, rules);
  const winners = ranked.slice(0, quantity);
  const bestLoser = ranked[quantity];
  const reference = bestLoser ? toCents(bestLoser.amount) + toCents(rules.secondPriceIncrement) : toCents(minBid);
  return winners.map((bid) => {
    const own = toCents(bid.amount);
    const price = rules.pricing === 'first_price' ? own : Math.min(own, Math.max(reference, toCents(minBid)));
    return { bidId: bid.bidId, userId: bid.userId, amount: bid.amount, price: fromCents(price) };
  });
}

/**
 * The least a new bid must be, in cents, given the counting bids of the other bidders. Sealed
 * auctions only have the minimum. Open ones must beat the lowest currently winning bid (once
 * all N places are taken) by the increment (at least a hundredth), or may equal it where the
 * pool allows equal bids.
 */
export function lowestAcceptableBid(
  othersAmounts: string[],
  rules: AuctionRules,
  quantity: number,
  minBid: string,
): number {
  const floor = toCents(minBid);
  if (rules.mode === 'sealed' || othersAmounts.length < quantity) return floor;
  const lowestWinning = othersAmounts.map(toCents).sort((a, b) => b - a)[quantity - 1];
  const step = rules.allowEqualBids ? 0 : Math.max(toCents(rules.minIncrement), 1);
  return Math.max(lowestWinning + step, floor);
}

/**
 * What each user can still pay in a pool: their balance minus what they already owe or promised
 * there (at close: the prices of wins in the pool's closed, not yet awarded sessions; for a bid:
 * those and their winning bids in its other open sessions), in cents; a missing balance is zero.
 * The maps are keyed alike: by user id, or by `balanceKey` when several pools are judged at once.
 */
export function spendableCents(
  keys: string[],
  balances: ReadonlyMap<string, string>,
  owed: ReadonlyMap<string, string>,
): Map<string, number> {
  return new Map(keys.map((k) => [k, toCents(balances.get(k) ?? '0') - toCents(owed.get(k) ?? '0')]));
}

/**
 * No one wins more than they can pay, whatever happened since they bid. The limit checked when
 * a bid is placed cannot hold alone: in a sealed auction a rival lowering their bid hands the
 * lead to someone who meanwhile bid elsewhere, and a balance can fall (decay, an adjustment)
 * while a bid stands. So closing judges again: a counting bid stands only if its bidder can
 * cover its whole amount with what they can still spend (`spendableCents`, which counts the
 * wins they already owe from sessions that closed earlier: the first session to close has the
 * first claim). Bids that do not stand are void: they neither win nor set a second price, and
 * the next bidder who can pay takes the place.
 */
export function standingBids(bids: CountingBid[], spendable: ReadonlyMap<string, number>): CountingBid[] {
  return bids.filter((b) => toCents(b.amount) <= (spendable.get(b.userId) ?? 0));
}

/** Winners and prices at close: `decideWinners` over the bids that stand. */
export function decideStandingWinners(
  bids: CountingBid[],
  spendable: ReadonlyMap<string, number>,
  session: { rules: AuctionRules; quantity: number; minBid: string },
): Winner[] {
  return decideWinners(standingBids(bids, spendable), session.rules, session.quantity, session.minBid);
}

/**
 * At award, whether every winner fixed at close can still pay their price. When one cannot (their
 * balance fell between close and award), the award decides again as a close would now, so the
 * next bidder who can pay wins instead: a closed auction never gets stuck on an unpayable winner.
 */
export function winnersCanPay(
  winners: { userId: string; price: string }[],
  spendable: ReadonlyMap<string, number>,
): boolean {
  return winners.every((w) => toCents(w.price) <= (spendable.get(w.userId) ?? 0));
}

/** A counting bid as judging a new one needs it. */
export interface StandingBid {
  userId: string;
  amount: string;
  placedAt: Date;
}

/** An open session, as the bids placed on it are judged one after another. */
export interface OpenSession {
  id: string;
  poolId: string;
  rules: AuctionRules;
  quantity: number;
  minBid: string;
  closesAt: Date;
  bidCount: number;
  counting: StandingBid[];
}

/** Why a bid is refused: below what it must reach, or above what its bidder can spend. */
export type BidRefusal =
  { reason: 'too-low'; minimumBid: string; ownBid: string | null } | { reason: 'exceeds-balance'; maxBid: string };

export interface AcceptedBid {
  placedAt: Date;
  /** The new close time when the bid came in the anti-snipe window, else null. */
  extendedTo: Date | null;
  /** The bidder who led a single-item open auction before this bid, when it was someone else. */
  outbid: string | null;
  /** The session after the bid. */
  closesAt: Date;
  bidCount: number;
  leading: string;
}

export type BidJudgement = { accepted: AcceptedBid } | { refused: BidRefusal };

/** A bid to judge: on which session, by whom, how much. */
export interface NewBid {
  sessionId: string;
  userId: string;
  amount: string;
}

/** The key of a bidder's balance in a pool (the maps of `judgeBids`). */
export const balanceKey = (poolId: string, userId: string) => `${poolId}/${userId}`;

/** The user leading a single-item auction (null for multi-item ones, which have no single leader). */
export function leaderOf(counting: StandingBid[], quantity: number): string | null {
  if (quantity !== 1 || !counting.length) return null;
  const best = [...counting].sort(
    (a, b) => toCents(b.amount) - toCents(a.amount) || a.placedAt.getTime() - b.placedAt.getTime(),
  )[0];
  return best.userId;
}

/**
 * What a user's counting bid in a session commits (cents): its amount while it holds one of the
 * `quantity` winning places (fewer bids above it, or equal and earlier), else nothing. The same
 * rule as the commitments read from the database (`BiddingRepository.committed`).
 */
export function committedIn(session: Pick<OpenSession, 'quantity' | 'counting'>, userId: string): number {
  const mine = session.counting.find((b) => b.userId === userId);
  if (!mine) return 0;
  const ahead = session.counting.filter(
    (b) =>
      b.userId !== userId &&
      (toCents(b.amount) > toCents(mine.amount) ||
        (toCents(b.amount) === toCents(mine.amount) && b.placedAt < mine.placedAt)),
  ).length;
  return ahead < session.quantity ? toCents(mine.amount) : 0;
}

/**
 * Judges bids on open sessions in the order they arrived, each against the sessions as the bids
 * accepted before it left them, exactly as if each had been placed alone: it must reach the
 * auction's floor (`lowestAcceptableBid`), rise above the bidder's own standing bid in an open
 * auction, and stay within what the bidder can spend in the session's pool: `spendable` (balance
 * less what they promised outside these sessions, in cents, by `balanceKey`) less what their
 * counting bids hold in the pool's other sessions judged here (`committedIn`). An accepted bid
 * becomes its bidder's counting bid; its time is after every counting bid's of its session (so
 * the latest bid is the one that counts), and in the last seconds it pushes the close time out
 * (anti-snipe).
 */
export function judgeBids(
  sessions: readonly OpenSession[],
  bids: NewBid[],
  spendable: ReadonlyMap<string, number>,
  now: Date,
): BidJudgement[] {
  const state = new Map(sessions.map((s) => [s.id, { ...s, counting: [...s.counting] }]));
  return bids.map(({ sessionId, userId, amount }) => {
    const session = state.get(sessionId);
    if (!session) throw new Error(`bid on a session not judged here: ${sessionId}`);
    const elsewhere = [...state.values()]
      .filter((s) => s.poolId === session.poolId && s.id !== session.id)
      .reduce((sum, s) => sum + committedIn(s, userId), 0);
    const canSpend = (spendable.get(balanceKey(session.poolId, userId)) ?? 0) - elsewhere;
    const refusal = refusalOf(session, userId, amount, canSpend);
    if (refusal) return { refused: refusal };
    const leaderBefore = leaderOf(session.counting, session.quantity);
    const latest = Math.max(0, ...session.counting.map((b) => b.placedAt.getTime()));
    const placedAt = new Date(Math.max(now.getTime(), latest + 1));
    const snipeWindow = session.rules.antiSnipeSeconds * 1000;
    const extendedTo =
      snipeWindow && session.closesAt.getTime() - now.getTime() < snipeWindow
        ? new Date(now.getTime() + snipeWindow)
        : null;
    session.closesAt = extendedTo ?? session.closesAt;
    session.bidCount += 1;
    session.counting = [...session.counting.filter((b) => b.userId !== userId), { userId, amount, placedAt }];
    const outbid = session.rules.mode === 'open' && leaderBefore && leaderBefore !== userId ? leaderBefore : null;
    const leading = fromCents(Math.max(...session.counting.map((b) => toCents(b.amount))));
    return {
      accepted: { placedAt, extendedTo, outbid, closesAt: session.closesAt, bidCount: session.bidCount, leading },
    };
  });
}

function refusalOf(session: OpenSession, userId: string, amount: string, spendableCents: number): BidRefusal | null {
  const others = session.counting.filter((b) => b.userId !== userId).map((b) => b.amount);
  const lowest = lowestAcceptableBid(others, session.rules, session.quantity, session.minBid);
  const own = session.counting.find((b) => b.userId === userId);
  if (toCents(amount) < lowest) return { reason: 'too-low', minimumBid: fromCents(lowest), ownBid: null };
  if (session.rules.mode === 'open' && own && toCents(amount) <= toCents(own.amount))
    return { reason: 'too-low', minimumBid: fromCents(toCents(own.amount) + 1), ownBid: own.amount };
  if (toCents(amount) > spendableCents)
    return { reason: 'exceeds-balance', maxBid: fromCents(Math.max(0, spendableCents)) };
  return null;
}
