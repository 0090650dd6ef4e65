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
 * What each user can still pay in a pool: their balance minus the prices they already owe for
 * wins in the pool's closed, not yet awarded sessions (cents; a missing balance is zero).
 */
export function spendableCents(
  userIds: string[],
  balances: ReadonlyMap<string, string>,
  owed: ReadonlyMap<string, string>,
): Map<string, number> {
  return new Map(userIds.map((u) => [u, toCents(balances.get(u) ?? '0') - toCents(owed.get(u) ?? '0')]));
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
