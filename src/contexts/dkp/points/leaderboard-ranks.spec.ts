import { pageRanks } from './leaderboard-ranks';

/** The ranks of a whole board, computed the slow way: 1 + how many balances are greater. */
const fullRanks = (balances: string[]) => balances.map((b) => 1 + balances.filter((x) => Number(x) > Number(b)).length);

describe('pageRanks', () => {
  it('ranks the first page from 1, ties sharing a rank and the next one skipping', () => {
    expect(pageRanks(0, 0, ['90.00', '80.00', '80.00', '70.00'])).toEqual([1, 2, 2, 4]);
  });

  it('gives a tie group that continues from the previous page the rank it started with', () => {
    // Board: 100, 90, 90, 90 | 90, 80 (page of 2 at offset 4): three balances above 90.
    expect(pageRanks(4, 1, ['90.00', '80.00'])).toEqual([2, 6]);
  });

  it('equals the ranks of the whole board, page by page, for any page size', () => {
    const board = ['50.00', '50.00', '40.00', '40.00', '40.00', '30.00', '20.00', '20.00', '10.00', '0.00'];
    const expected = fullRanks(board);
    for (const size of [1, 2, 3, 4, 7]) {
      for (let offset = 0; offset < board.length; offset += size) {
        const page = board.slice(offset, offset + size);
        const above = board.filter((b) => Number(b) > Number(page[0])).length;
        expect(pageRanks(offset, above, page)).toEqual(expected.slice(offset, offset + size));
      }
    }
  });

  it('is empty for an empty page', () => {
    expect(pageRanks(100, 0, [])).toEqual([]);
  });
});
