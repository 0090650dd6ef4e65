import type { AuctionRules } from './bid-session.entity';
import {
  balanceKey,
  committedIn,
  CountingBid,
  decideStandingWinners,
  judgeBids,
  OpenSession,
  decideWinners,
  lowestAcceptableBid,
  rankBids,
  spendableCents,
  standingBids,
  winnersCanPay,
} from './auction-rules';

const rules = (over: Partial<AuctionRules> = {}): AuctionRules => ({
  mode: 'open',
  pricing: 'first_price',
  secondPriceIncrement: '1.00',
  minIncrement: '1.00',
  allowEqualBids: false,
  tieBreakOrder: ['earliest_bid', 'attendance', 'roll'],
  antiSnipeSeconds: 30,
  ...over,
});

const t0 = new Date('2026-01-01T20:00:00Z').getTime();
const bid = (bidId: string, amount: string, over: Partial<CountingBid> = {}): CountingBid => ({
  bidId,
  userId: `u-${bidId}`,
  amount,
  placedAt: new Date(t0),
  roll: 500,
  attendance30: 0,
  ...over,
});
const ids = (bids: { bidId: string }[]) => bids.map((b) => b.bidId);

describe('rankBids', () => {
  it('ranks by amount first, whatever the tie-breaks', () => {
    const bids = [
      bid('a', '10.00', { placedAt: new Date(t0 - 1000), attendance30: 9, roll: 1000 }),
      bid('b', '10.01'),
      bid('c', '9.99'),
    ];
    expect(ids(rankBids(bids, rules()))).toEqual(['b', 'a', 'c']);
  });

  it('earliest bid first when the order starts with earliest_bid', () => {
    const bids = [
      bid('late', '10', { placedAt: new Date(t0 + 5), attendance30: 9, roll: 999 }),
      bid('early', '10', { placedAt: new Date(t0), attendance30: 0, roll: 1 }),
    ];
    expect(ids(rankBids(bids, rules({ tieBreakOrder: ['earliest_bid', 'attendance', 'roll'] })))).toEqual([
      'early',
      'late',
    ]);
  });

  it('attendance first when configured, then the earliest bid', () => {
    const bids = [
      bid('early', '10', { placedAt: new Date(t0), attendance30: 2 }),
      bid('loyal', '10', { placedAt: new Date(t0 + 5), attendance30: 7 }),
      bid('loyal2', '10', { placedAt: new Date(t0 + 9), attendance30: 7 }),
    ];
    expect(ids(rankBids(bids, rules({ tieBreakOrder: ['attendance', 'earliest_bid', 'roll'] })))).toEqual([
      'loyal',
      'loyal2',
      'early',
    ]);
  });

  it('attendance then roll: the earliest bid plays no part when not listed', () => {
    const bids = [
      bid('early', '10', { placedAt: new Date(t0), attendance30: 3, roll: 10 }),
      bid('lucky', '10', { placedAt: new Date(t0 + 5), attendance30: 3, roll: 900 }),
      bid('absent', '10', { placedAt: new Date(t0 - 5), attendance30: 0, roll: 1000 }),
    ];
    expect(ids(rankBids(bids, rules({ tieBreakOrder: ['attendance', 'roll'] })))).toEqual(['lucky', 'early', 'absent']);
  });

  it('the roll always settles what the listed tie-breaks leave, even when not listed', () => {
    const bids = [bid('low', '10', { roll: 3 }), bid('high', '10', { roll: 800 })];
    expect(ids(rankBids(bids, rules({ tieBreakOrder: ['earliest_bid'] })))).toEqual(['high', 'low']);
    expect(ids(rankBids(bids, rules({ tieBreakOrder: ['roll'] })))).toEqual(['high', 'low']);
  });

  it('falls back to the bid id when everything is equal, and does not mutate its input', () => {
    const bids = [bid('b', '10'), bid('a', '10')];
    expect(ids(rankBids(bids, rules()))).toEqual(['a', 'b']);
    expect(ids(bids)).toEqual(['b', 'a']);
  });
});

describe('decideWinners', () => {
  const three = [bid('a', '50'), bid('b', '30'), bid('c', '20')];

  it('first price: the top bidder pays their bid', () => {
    expect(decideWinners(three, rules(), 1, '0')).toEqual([
      { bidId: 'a', userId: 'u-a', amount: '50', price: '50.00' },
    ]);
  });

  it('first price, quantity N: the top N each pay their own bid', () => {
    expect(decideWinners(three, rules(), 2, '0').map((w) => [w.bidId, w.price])).toEqual([
      ['a', '50.00'],
      ['b', '30.00'],
    ]);
  });

  it('second price with a losing bid: best loser plus the increment', () => {
    expect(
      decideWinners(three, rules({ pricing: 'second_price', secondPriceIncrement: '1.00' }), 1, '0')[0].price,
    ).toBe('31.00');
    expect(
      decideWinners(three, rules({ pricing: 'second_price', secondPriceIncrement: '0.50' }), 1, '0')[0].price,
    ).toBe('30.50');
  });

  it('second price, quantity N: every winner pays the best losing bid plus the increment', () => {
    expect(decideWinners(three, rules({ pricing: 'second_price' }), 2, '0').map((w) => [w.bidId, w.price])).toEqual([
      ['a', '21.00'],
      ['b', '21.00'],
    ]);
  });

  it("second price is capped at the winner's own bid", () => {
    const close = [bid('a', '30.50'), bid('b', '30')];
    expect(decideWinners(close, rules({ pricing: 'second_price', secondPriceIncrement: '5' }), 1, '0')[0].price).toBe(
      '30.50',
    );
    const tie = [bid('a', '30', { placedAt: new Date(t0) }), bid('b', '30', { placedAt: new Date(t0 + 1) })];
    expect(decideWinners(tie, rules({ pricing: 'second_price' }), 1, '0')).toEqual([
      expect.objectContaining({ bidId: 'a', price: '30.00' }),
    ]);
  });

  it('second price without a losing bid: the minimum bid', () => {
    expect(decideWinners([bid('a', '50')], rules({ pricing: 'second_price' }), 1, '10')[0].price).toBe('10.00');
    expect(
      decideWinners([bid('a', '50'), bid('b', '40')], rules({ pricing: 'second_price' }), 2, '5').map((w) => w.price),
    ).toEqual(['5.00', '5.00']);
    expect(decideWinners([bid('a', '50')], rules({ pricing: 'second_price' }), 1, '0')[0].price).toBe('0.00');
  });

  it('second price never goes below the minimum bid', () => {
    const bids = [bid('a', '50'), bid('b', '3')];
    expect(decideWinners(bids, rules({ pricing: 'second_price' }), 1, '20')[0].price).toBe('20.00');
  });

  it('fewer bidders than items: everyone wins; no bids: no winners', () => {
    expect(decideWinners([bid('a', '5')], rules(), 3, '0')).toHaveLength(1);
    expect(decideWinners([], rules(), 1, '0')).toEqual([]);
  });

  it('winners follow the tie-break order', () => {
    const bids = [
      bid('early', '10', { placedAt: new Date(t0), attendance30: 1 }),
      bid('loyal', '10', { placedAt: new Date(t0 + 1), attendance30: 5 }),
    ];
    expect(decideWinners(bids, rules(), 1, '0')[0].bidId).toBe('early');
    expect(decideWinners(bids, rules({ tieBreakOrder: ['attendance', 'roll'] }), 1, '0')[0].bidId).toBe('loyal');
  });
});

describe('lowestAcceptableBid', () => {
  it('open: no bids yet → the minimum bid', () => {
    expect(lowestAcceptableBid([], rules(), 1, '10')).toBe(1000);
    expect(lowestAcceptableBid([], rules(), 1, '0')).toBe(0);
  });

  it('open: the leading bid plus the minimum increment', () => {
    expect(lowestAcceptableBid(['20', '15'], rules({ minIncrement: '5' }), 1, '0')).toBe(2500);
    expect(lowestAcceptableBid(['20.00'], rules({ minIncrement: '0.50' }), 1, '0')).toBe(2050);
  });

  it('open: never below the minimum bid', () => {
    expect(lowestAcceptableBid(['5'], rules({ minIncrement: '1' }), 1, '50')).toBe(5000);
  });

  it('open with allowEqualBids: the leading bid itself is acceptable', () => {
    expect(lowestAcceptableBid(['20'], rules({ allowEqualBids: true, minIncrement: '5' }), 1, '0')).toBe(2000);
  });

  it('open with minIncrement 0: at least a hundredth more (equal bids stay refused)', () => {
    expect(lowestAcceptableBid(['20'], rules({ minIncrement: '0' }), 1, '0')).toBe(2001);
    expect(lowestAcceptableBid(['20'], rules({ minIncrement: '0.00', allowEqualBids: true }), 1, '0')).toBe(2000);
  });

  it('open, quantity N: the minimum until N places are taken, then beat the lowest winning bid', () => {
    expect(lowestAcceptableBid(['50'], rules(), 2, '5')).toBe(500);
    expect(lowestAcceptableBid(['50', '30'], rules(), 2, '5')).toBe(3100);
    expect(lowestAcceptableBid(['50', '30', '40'], rules(), 2, '5')).toBe(4100);
  });

  it('sealed: only the minimum bid, whatever the others bid', () => {
    expect(lowestAcceptableBid(['500', '300'], rules({ mode: 'sealed' }), 1, '7.50')).toBe(750);
    expect(lowestAcceptableBid(['500'], rules({ mode: 'sealed' }), 1, '0')).toBe(0);
  });
});

describe('who can pay', () => {
  const session = { rules: rules({ mode: 'sealed' }), quantity: 1, minBid: '0.00' };

  it('spendable: balance minus what is owed for earlier closed wins; no balance row is zero', () => {
    const spendable = spendableCents(
      ['u', 'v', 'w'],
      new Map([
        ['u', '100.00'],
        ['v', '50.00'],
      ]),
      new Map([['u', '80.00']]),
    );
    expect([...spendable]).toEqual([
      ['u', 2000],
      ['v', 5000],
      ['w', 0],
    ]);
  });

  it('a bid stands only if its bidder can cover its whole amount', () => {
    const bids = [bid('a', '80.00'), bid('b', '20.00'), bid('c', '20.01')];
    const spendable = new Map([
      ['u-a', 2000],
      ['u-b', 2000],
      ['u-c', 2000],
    ]);
    expect(ids(standingBids(bids, spendable))).toEqual(['b']);
    expect(standingBids(bids, new Map())).toEqual([]);
  });

  it('100 points, two sealed sessions led at 80: the first to close wins, the second goes to the next who can pay', () => {
    // u bid 80 in both while a rival led the first; the rival then lowered their sealed bid to 10
    const first = [bid('u1', '80.00', { userId: 'u' }), bid('r', '10.00', { userId: 'r' })];
    const second = [bid('u2', '80.00', { userId: 'u' }), bid('v', '30.00', { userId: 'v' })];
    const balances = new Map([
      ['u', '100.00'],
      ['r', '100.00'],
      ['v', '100.00'],
    ]);
    const atFirstClose = spendableCents(['u', 'r'], balances, new Map());
    expect(decideStandingWinners(first, atFirstClose, session)).toEqual([
      { bidId: 'u1', userId: 'u', amount: '80.00', price: '80.00' },
    ]);
    // u now owes 80 from the first session: 20 left, their 80 in the second is void
    const atSecondClose = spendableCents(['u', 'v'], balances, new Map([['u', '80.00']]));
    expect(decideStandingWinners(second, atSecondClose, session)).toEqual([
      { bidId: 'v', userId: 'v', amount: '30.00', price: '30.00' },
    ]);
  });

  it('a void bid does not set the second price', () => {
    const bids = [bid('a', '90.00'), bid('b', '70.00'), bid('c', '40.00')];
    const spendable = new Map([
      ['u-a', 10_000],
      ['u-b', 5_000],
      ['u-c', 10_000],
    ]);
    const secondPrice = { ...session, rules: rules({ pricing: 'second_price', secondPriceIncrement: '1.00' }) };
    expect(decideStandingWinners(bids, spendable, secondPrice)).toEqual([
      { bidId: 'a', userId: 'u-a', amount: '90.00', price: '41.00' },
    ]);
  });

  it('nobody can pay: no winner', () => {
    expect(decideStandingWinners([bid('a', '5.00')], new Map([['u-a', 499]]), session)).toEqual([]);
  });

  it('at award: every winner must still cover their price', () => {
    const spendable = new Map([
      ['u', 5000],
      ['v', 2999],
    ]);
    expect(winnersCanPay([{ userId: 'u', price: '50.00' }], spendable)).toBe(true);
    expect(
      winnersCanPay(
        [
          { userId: 'u', price: '50.00' },
          { userId: 'v', price: '30.00' },
        ],
        spendable,
      ),
    ).toBe(false);
    expect(winnersCanPay([{ userId: 'w', price: '0.01' }], spendable)).toBe(false);
    expect(winnersCanPay([], spendable)).toBe(true);
  });
});

describe('judgeBids', () => {
  const now = new Date(t0);
  const session = (over: Partial<OpenSession> = {}): OpenSession => ({
    id: 's1',
    poolId: 'p',
    rules: rules({ antiSnipeSeconds: 0 }),
    quantity: 1,
    minBid: '1.00',
    closesAt: new Date(t0 + 600_000),
    bidCount: 0,
    counting: [],
    ...over,
  });
  const rich = (...users: string[]) => new Map(users.map((u) => [balanceKey('p', u), 100_000]));
  const outcome = (j: ReturnType<typeof judgeBids>[number]) =>
    'accepted' in j ? `ok ${j.accepted.leading}` : `${j.refused.reason}`;

  it('judges each bid against the session the earlier bids of the group left', () => {
    const judged = judgeBids(
      [session()],
      [
        { sessionId: 's1', userId: 'a', amount: '10.00' },
        { sessionId: 's1', userId: 'b', amount: '10.50' }, // must beat 10.00 by the increment
        { sessionId: 's1', userId: 'b', amount: '11.00' },
        { sessionId: 's1', userId: 'a', amount: '11.00' }, // equal to the leader: refused
        { sessionId: 's1', userId: 'a', amount: '12.00' },
      ],
      rich('a', 'b'),
      now,
    );
    expect(judged.map(outcome)).toEqual(['ok 10.00', 'too-low', 'ok 11.00', 'too-low', 'ok 12.00']);
    expect(judged[1]).toEqual({ refused: { reason: 'too-low', minimumBid: '11.00', ownBid: null } });
    const accepted = judged.flatMap((j) => ('accepted' in j ? [j.accepted] : []));
    expect(accepted.map((a) => a.bidCount)).toEqual([1, 2, 3]);
    expect(accepted.map((a) => a.outbid)).toEqual([null, 'a', 'b']);
    // Times strictly rise within the session even when judged at one instant.
    expect(accepted.map((a) => a.placedAt.getTime() - t0)).toEqual([0, 1, 2]);
  });

  it("an open auction refuses a bid that does not rise above the bidder's own", () => {
    const standing = session({ quantity: 2, counting: [{ userId: 'a', amount: '20.00', placedAt: new Date(t0 - 5) }] });
    const [judged] = judgeBids([standing], [{ sessionId: 's1', userId: 'a', amount: '20.00' }], rich('a'), now);
    expect(judged).toEqual({ refused: { reason: 'too-low', minimumBid: '20.01', ownBid: '20.00' } });
  });

  it('sealed: any amount from the minimum, lowering included; the latest counts', () => {
    const sealed = session({ rules: rules({ mode: 'sealed', antiSnipeSeconds: 0 }) });
    const judged = judgeBids(
      [sealed],
      [
        { sessionId: 's1', userId: 'a', amount: '50.00' },
        { sessionId: 's1', userId: 'a', amount: '5.00' },
        { sessionId: 's1', userId: 'b', amount: '0.50' },
      ],
      rich('a', 'b'),
      now,
    );
    expect(judged.map(outcome)).toEqual(['ok 50.00', 'ok 5.00', 'too-low']);
  });

  it('what a bidder can spend counts their winning places in the other sessions judged with it', () => {
    const sessions = [session({ id: 's1' }), session({ id: 's2' }), session({ id: 's3', poolId: 'other' })];
    const spendable = new Map([
      [balanceKey('p', 'a'), 10_000],
      [balanceKey('p', 'b'), 100_000],
      [balanceKey('other', 'a'), 10_000],
    ]);
    const judged = judgeBids(
      sessions,
      [
        { sessionId: 's1', userId: 'a', amount: '80.00' },
        { sessionId: 's2', userId: 'a', amount: '30.00' }, // 80 held in s1: 20 left
        { sessionId: 's3', userId: 'a', amount: '90.00' }, // another pool: its own balance
        { sessionId: 's1', userId: 'b', amount: '81.00' }, // outbids a in s1
        { sessionId: 's2', userId: 'a', amount: '30.00' }, // now a holds nothing in s1
      ],
      spendable,
      now,
    );
    expect(judged.map(outcome)).toEqual(['ok 80.00', 'exceeds-balance', 'ok 90.00', 'ok 81.00', 'ok 30.00']);
    expect(judged[1]).toEqual({ refused: { reason: 'exceeds-balance', maxBid: '20.00' } });
  });

  it('a bid in the anti-snipe window pushes the close time out once', () => {
    const closing = session({ rules: rules({ antiSnipeSeconds: 30 }), closesAt: new Date(t0 + 10_000) });
    const judged = judgeBids(
      [closing],
      [
        { sessionId: 's1', userId: 'a', amount: '10.00' },
        { sessionId: 's1', userId: 'b', amount: '11.00' },
      ],
      rich('a', 'b'),
      now,
    );
    const accepted = judged.flatMap((j) => ('accepted' in j ? [j.accepted] : []));
    expect(accepted.map((a) => a.extendedTo?.getTime())).toEqual([t0 + 30_000, undefined]);
    expect(accepted.map((a) => a.closesAt.getTime())).toEqual([t0 + 30_000, t0 + 30_000]);
  });

  it('refuses to judge a bid on a session it was not given', () => {
    expect(() => judgeBids([], [{ sessionId: 'x', userId: 'a', amount: '1' }], rich('a'), now)).toThrow(/not judged/);
  });
});

describe('committedIn', () => {
  const at = (ms: number) => new Date(t0 + ms);
  const counting = [
    { userId: 'a', amount: '30.00', placedAt: at(2) },
    { userId: 'b', amount: '30.00', placedAt: at(1) },
    { userId: 'c', amount: '40.00', placedAt: at(3) },
  ];
  it('commits the amount of a bid holding one of the winning places (equal amounts: the earlier first)', () => {
    expect(committedIn({ quantity: 2, counting }, 'c')).toBe(4000);
    expect(committedIn({ quantity: 2, counting }, 'b')).toBe(3000);
    expect(committedIn({ quantity: 2, counting }, 'a')).toBe(0);
    expect(committedIn({ quantity: 3, counting }, 'a')).toBe(3000);
    expect(committedIn({ quantity: 1, counting }, 'nobody')).toBe(0);
  });
});
