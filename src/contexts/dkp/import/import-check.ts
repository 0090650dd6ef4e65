import { fromCents, toCents } from '../common/cents';
import type { BulkIds, Key } from '../bulk/bulk-guild';
import type { StoredBalance } from '../bulk/dkp-bulk.repository';
import type { EqdkpMapping } from './eqdkp-mapping';

/**
 * Compares the org's balances in the pools EQdkp has figures for with EQdkp's own figures, both
 * ways (a user or pool without a row counts as zero). One line per difference.
 */
export function balanceDifferences(
  stored: StoredBalance[],
  mapping: Pick<EqdkpMapping, 'expected' | 'checkedPools'>,
  ids: Pick<BulkIds, 'users' | 'pools'>,
): string[] {
  const userKey = new Map<string, Key>([...ids.users].map(([key, id]) => [id, key]));
  const poolKey = new Map<string, Key>([...ids.pools].map(([key, id]) => [id, key]));
  const got = new Map<string, { earned: number; spent: number; adjusted: number }>();
  for (const row of stored) {
    const pool = poolKey.get(row.poolId);
    if (pool == null || !mapping.checkedPools.has(pool)) continue;
    // The ledger stores spending as negative amounts; EQdkp reports it as a positive "spent".
    const figures = {
      earned: toCents(row.earned),
      spent: Math.abs(toCents(row.spent)),
      adjusted: toCents(row.adjusted),
    };
    got.set(`${String(userKey.get(row.userId))}|${String(pool)}`, figures);
  }
  const problems: string[] = [];
  const zero = { earned: 0, spent: 0, adjusted: 0 };
  const seen = new Set<string>();
  for (const want of mapping.expected) {
    const id = `${String(want.userKey)}|${String(want.poolKey)}`;
    seen.add(id);
    const have = got.get(id) ?? zero;
    for (const field of ['earned', 'spent', 'adjusted'] as const) {
      if (have[field] !== want[field]) {
        problems.push(`${id}: ${field} ${fromCents(have[field])}, EQdkp ${fromCents(want[field])}`);
      }
    }
  }
  for (const [id, have] of got) {
    if (!seen.has(id) && (have.earned || have.spent || have.adjusted)) problems.push(`${id}: not in EQdkp's figures`);
  }
  return problems;
}
