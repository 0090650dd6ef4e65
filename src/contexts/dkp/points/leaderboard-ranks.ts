/**
 * Ranks of one leaderboard page without ranking the whole pool. Rank = 1 + the number of
 * balances strictly greater (equal balances share a rank, the next one skips: 1, 2, 2, 4).
 *
 * The page is in leaderboard order (balance descending) and starts after `offset` rows. A row
 * whose tie group starts inside the page has exactly `offset + its group's first index` rows
 * above it, all greater. Only the page's first tie group may continue from the previous page, so
 * its rank needs `aboveFirst` (the count of balances strictly greater than the first row's,
 * read once from the index); on the first page that is 0 without asking.
 */
export function pageRanks(offset: number, aboveFirst: number, balances: string[]): number[] {
  const ranks: number[] = [];
  balances.forEach((balance, index) => {
    if (index > 0 && sameBalance(balance, balances[index - 1])) ranks.push(ranks[index - 1]);
    else ranks.push(index === 0 ? aboveFirst + 1 : offset + index + 1);
  });
  return ranks;
}

/** Balances as Postgres returns numeric(12,2): compared as numbers, so "5.0" equals "5.00". */
function sameBalance(a: string, b: string): boolean {
  return Number(a) === Number(b);
}
