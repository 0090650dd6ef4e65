import { fromCents, toCents } from '../common/cents';
import type { BulkIds, BulkSummary } from './bulk-guild';
import { lookup } from './bulk-rows';
import type { StoredBalance } from './dkp-bulk.repository';

export class BalanceMismatchError extends Error {
  constructor(readonly mismatches: string[]) {
    const shown = mismatches.slice(0, 20).join('\n  ');
    const more = mismatches.length > 20 ? '\n  ...' : '';
    super(`Loaded balances differ from the expected summaries (${mismatches.length}):\n  ${shown}${more}`);
  }
}

const COMPARED = ['earned', 'spent', 'adjusted', 'balance'] as const;

/**
 * Compares the org's balance rows with the expected summaries, both ways: every summary needs
 * an equal row, and every row a summary. Returns one line per difference.
 */
export function balanceMismatches(
  stored: StoredBalance[],
  expected: BulkSummary[],
  ids: Pick<BulkIds, 'users' | 'pools'>,
): string[] {
  const storedById = new Map(stored.map((row) => [`${row.poolId}/${row.userId}`, row]));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const summary of expected) {
    const id = `${lookup(ids.pools, summary.poolKey, 'pool')}/${lookup(ids.users, summary.userKey, 'user')}`;
    seen.add(id);
    const row = storedById.get(id);
    const label = `user ${String(summary.userKey)} pool ${String(summary.poolKey)}`;
    if (!row) {
      problems.push(`${label}: no balance row (expected ${summary.balance})`);
      continue;
    }
    for (const column of COMPARED) {
      if (toCents(row[column]) !== toCents(summary[column])) {
        problems.push(`${label}: ${column} ${fromCents(toCents(row[column]))}, expected ${summary[column]}`);
      }
    }
  }
  for (const [id, row] of storedById) {
    if (!seen.has(id)) problems.push(`balance ${id} (${row.balance}) is not in the expected summaries`);
  }
  return problems;
}
