import type { BulkSummary, Key } from '../bulk/bulk-guild';
import { fromCents } from '../common/cents';

type Bucket = 'earned' | 'spent' | 'adjusted';

/**
 * Running points per (pool, user) while the demo generator replays its year, in cents: the
 * balance decides who can pay for loot and who can take a penalty, and the bucket totals become
 * the summaries the bulk loader checks its balances against.
 */
export class PointsReplay {
  /** By `${pool}|${user}`, in the order each pair first got points. */
  private readonly totals = new Map<string, Record<Bucket, number>>();

  /** Adds `cents` to a bucket; `spent` counts positive and lowers the balance. */
  add(poolKey: Key, userKey: Key, bucket: Bucket, cents: number): void {
    const id = `${poolKey}|${userKey}`;
    const totals = this.totals.get(id) ?? { earned: 0, spent: 0, adjusted: 0 };
    totals[bucket] += cents;
    this.totals.set(id, totals);
  }

  /** In cents; 0 for a pair without points. */
  balanceOf(poolKey: Key, userKey: Key): number {
    const totals = this.totals.get(`${poolKey}|${userKey}`);
    return totals ? totals.earned - totals.spent + totals.adjusted : 0;
  }

  summaries(): BulkSummary[] {
    return [...this.totals].map(([id, totals]) => {
      const [poolKey, userKey] = id.split('|');
      return {
        poolKey,
        userKey,
        earned: fromCents(totals.earned),
        spent: fromCents(totals.spent),
        adjusted: fromCents(totals.adjusted),
        balance: fromCents(totals.earned - totals.spent + totals.adjusted),
      };
    });
  }
}
