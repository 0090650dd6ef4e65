import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { points } from '../common/points';
import { LedgerBucket, LedgerEntry, LedgerKind } from './ledger-entry.entity';
import { insufficientPoints } from './spending';
import { BalanceMismatch, CorrectedEntry, DecayBatch, LedgerRepository, NewLedgerRow } from './ledger.repository';

export type { BalanceMismatch } from './ledger.repository';

/** Default balance column per kind; corrections name the column of what they correct. */
const BUCKET_OF: Record<Exclude<LedgerKind, 'correction'>, LedgerBucket> = {
  attendance: 'earned',
  loot: 'spent',
  adjustment: 'adjusted',
  decay: 'decayed',
};

export interface Posting {
  poolId: string;
  userId: string;
  kind: LedgerKind;
  /** Signed effect on the balance, two-place decimal string. */
  amount: string;
  /** Required for corrections (the bucket of the corrected entry). */
  bucket?: LedgerBucket;
  characterName?: string | null;
  reason?: string;
  raidId?: string | null;
  lootId?: string | null;
  correctsId?: string | null;
}

/** Who posts, for whom and through what (`api`, `import`, `bot`, `job`, `bulk-load`). */
export interface PostingContext {
  orgId: string;
  actorUserId: string | null;
  source: string;
}

function bucketOf(posting: Posting): LedgerBucket {
  const bucket = posting.bucket ?? (posting.kind === 'correction' ? undefined : BUCKET_OF[posting.kind]);
  if (!bucket) throw new Error('a correction posting must name its bucket');
  return bucket;
}

function toEntryRow(ctx: PostingContext, posting: Posting): NewLedgerRow {
  return {
    orgId: ctx.orgId,
    actorUserId: ctx.actorUserId,
    source: ctx.source,
    poolId: posting.poolId,
    userId: posting.userId,
    kind: posting.kind,
    bucket: bucketOf(posting),
    amount: posting.amount,
    characterName: posting.characterName ?? null,
    reason: posting.reason ?? '',
    raidId: posting.raidId ?? null,
    lootId: posting.lootId ?? null,
    correctsId: posting.correctsId ?? null,
  };
}

/**
 * The only writer of points. Each posting appends ledger rows and moves the balances in the
 * same transaction (the caller's), with one upsert that adds deltas, so concurrent postings
 * for the same user serialize on the balance row and none is lost.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  post(tx: EntityManager, ctx: PostingContext, postings: Posting[]): Promise<LedgerEntry[]> {
    return this.postEach(
      tx,
      postings.map((posting) => ({ ctx, posting })),
    );
  }

  /**
   * Postings made for several requests at once (a transaction group's loot awards), each with its
   * own poster, in one statement.
   */
  async postEach(tx: EntityManager, postings: { ctx: PostingContext; posting: Posting }[]): Promise<LedgerEntry[]> {
    if (!postings.length) return [];
    return this.ledger.insertAndApply(
      tx,
      postings.map(({ ctx, posting }) => toEntryRow(ctx, posting)),
    );
  }

  /**
   * Decays every balance of a pool by `percent` (rounded to the hundredth, so never below
   * zero), as `job` entries. Returns how many entries were written and the points removed.
   */
  async postDecay(tx: EntityManager, batch: DecayBatch): Promise<{ entries: number; totalDecayed: string }> {
    const entries = await this.ledger.insertDecay(tx, batch);
    await this.ledger.applyEntries(
      tx,
      entries.map((entry) => entry.id),
    );
    const total = entries.reduce((sum, entry) => sum - Math.round(Number(entry.amount) * 100), 0);
    return { entries: entries.length, totalDecayed: (total / 100).toFixed(2) };
  }

  /**
   * Locks the user's balance row and refuses a debit that would take it below zero. Call it
   * before posting a debit, in the same transaction.
   */
  async assertCanSpend(
    tx: EntityManager,
    orgId: string,
    poolId: string,
    userId: string,
    amount: string,
  ): Promise<void> {
    const balance = points(await this.ledger.balance(tx, orgId, poolId, userId, true));
    if (Number(balance) < Number(amount)) throw insufficientPoints(balance, amount);
  }

  /**
   * The user's balance in a pool ("0.00" without a row). With `lock`, the balance row is held
   * until the transaction ends: what serializes a user's spending across auctions.
   */
  async balanceOf(
    tx: EntityManager | undefined,
    orgId: string,
    poolId: string,
    userId: string,
    options: { lock: boolean },
  ): Promise<string> {
    return points(await this.ledger.balance(tx, orgId, poolId, userId, options.lock));
  }

  /**
   * Locks several users' balance rows in a pool (in user order, so two callers cannot deadlock)
   * and returns their balances; a user without a row is absent (their balance is zero).
   */
  async lockBalances(
    tx: EntityManager,
    orgId: string,
    poolId: string,
    userIds: string[],
  ): Promise<Map<string, string>> {
    const balances = await this.ledger.lockBalances(tx, orgId, poolId, userIds);
    return new Map([...balances].map(([userId, balance]) => [userId, points(balance)]));
  }

  /** The entry a correction reverses (null when there is none to point at). */
  entryToCorrect(tx: EntityManager, corrected: CorrectedEntry): Promise<string | null> {
    return this.ledger.latestEntryId(tx, corrected);
  }

  /** Recomputes balances from the ledger for one org (after a bulk load). */
  rebuildBalances(tx: EntityManager, orgId: string): Promise<void> {
    return this.ledger.rebuildOrg(tx, orgId);
  }

  /** Every (org, pool, user) whose stored balance row differs from the sum of its ledger rows. */
  findMismatches(orgId?: string): Promise<BalanceMismatch[]> {
    return this.ledger.findMismatches(orgId);
  }
}
