import { randomUUID } from 'node:crypto';
import { startAppWith } from '../support/app-with';
import {
  charName,
  closeCheckingLedger,
  createGuild,
  daysAgo,
  expectForbiddenPaths,
  Guild,
} from '../support/dkp-fixtures';
import { TestApp, TestUser } from '../support/test-app';

/** The leaderboard row fields read here (the SDK's schema gains `attendance30` when the lead regenerates it). */
type Entry = { rank: number; userId: string; balance: string; attendance30: number };

/** 1 + how many balances are greater: the rank the whole board would give. */
const fullRanks = (balances: string[]) => balances.map((b) => 1 + balances.filter((x) => Number(x) > Number(b)).length);

describe('dkp leaderboard (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  const newPool = (body: Record<string, unknown> = {}) =>
    g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Pool'), ...body } });
  const adjust = (poolId: string, user: TestUser, amount: string) =>
    g.ok(g.officer, 'POST', '/points/adjustments', { body: { poolId, userId: user.id, amount, reason: 'test' } });
  const board = (poolId: string, query: Record<string, unknown> = {}) =>
    g.ok(g.readonly, 'GET', `/points/leaderboard/${poolId}`, { query });

  it('a row shows earned, spent, adjusted, decayed, balance and the 30-day attendance rate', async () => {
    const pool = await newPool({ decayPercent: '10' });
    const event = await g.ok(g.owner, 'POST', '/events', {
      body: { name: charName('Event'), defaultPoints: '100', poolId: pool.id },
    });
    const u = await g.newMember();
    const c = await g.character(u);
    const raids = [];
    for (const days of [20, 10, 5]) raids.push(await g.raid({ eventId: event.id, startsAt: daysAgo(days) }));
    for (const raid of [raids[0], raids[2]])
      await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: [{ name: c.name }] } });
    await g.ok(g.officer, 'POST', '/loot', {
      body: { userId: u.id, poolId: pool.id, itemName: charName('Item'), amount: '50' },
    });
    await adjust(pool.id, u, '-10');
    await g.ok(g.admin, 'POST', `/pools/${pool.id}/decay`);

    const { items, total } = await board(pool.id);
    expect(total).toBe(1);
    // 200 earned - 50 spent - 10 adjusted = 140, then 10 % decay: 14.
    expect(items).toEqual([
      {
        rank: 1,
        userId: u.id,
        username: u.username,
        mainCharacterName: c.name,
        earned: '200.00',
        spent: '50.00',
        adjusted: '-10.00',
        decayed: '14.00',
        balance: '126.00',
        attendance30: 66.7,
      },
    ]);
    // The same rate as the member's own points page.
    const mine = await g.ok(g.readonly, 'GET', `/points/users/${u.id}/pools/${pool.id}`);
    expect(mine.attendance.days30).toBe(66.7);
  });

  it('ranks every page as the whole board would, ties across a page boundary included; total on every page', async () => {
    const pool = await newPool();
    const amounts = ['50', '40', '40', '40', '30', '20', '20'];
    for (const amount of amounts) await adjust(pool.id, await g.newMember(), amount);
    const expected = fullRanks(amounts);
    for (const limit of [1, 2, 3, 5]) {
      const ranks: number[] = [];
      const balances: string[] = [];
      for (let offset = 0; offset < amounts.length; offset += limit) {
        const page = await board(pool.id, { limit, offset });
        expect(page.total).toBe(amounts.length);
        ranks.push(...page.items.map((e: Entry) => e.rank));
        balances.push(...page.items.map((e: Entry) => e.balance));
      }
      expect(ranks).toEqual(expected);
      expect(balances).toEqual(amounts.map((a) => `${a}.00`));
    }
    // Ties are listed in a stable order: the same pages give the same users.
    const twice = [await board(pool.id, { limit: 3, offset: 1 }), await board(pool.id, { limit: 3, offset: 1 })];
    expect(twice[0].items.map((e: Entry) => e.userId)).toEqual(twice[1].items.map((e: Entry) => e.userId));
  });

  it('the total follows the pool: new balances count once, a second posting to the same user does not', async () => {
    const pool = await newPool();
    expect(await board(pool.id)).toEqual({ items: [], total: 0 });
    const [a, b] = [await g.newMember(), await g.newMember()];
    await adjust(pool.id, a, '5');
    expect((await board(pool.id)).total).toBe(1);
    await adjust(pool.id, a, '5');
    await g.ok(g.officer, 'POST', '/points/adjustments/bulk', {
      body: { poolId: pool.id, reason: 'bulk', entries: [{ userId: b.id, amount: '1' }] },
    });
    expect(await board(pool.id, { offset: 5 })).toEqual({ items: [], total: 2 });
    // A failed (all or nothing) bulk adjustment adds no one.
    const c = await g.newMember();
    const refused = await g.call(g.officer, 'POST', '/points/adjustments/bulk', {
      body: {
        poolId: pool.id,
        reason: 'bulk',
        entries: [
          { userId: c.id, amount: '1' },
          { userId: a.id, amount: '-100' },
        ],
      },
    });
    expect(refused.status).toBe(409);
    expect((await board(pool.id)).total).toBe(2);
    // The kept counts equal the balance rows of every pool.
    const drift = await t.db.query(
      `SELECT b.pool_id FROM dkp_balances b GROUP BY b.org_id, b.pool_id
       HAVING count(*) <> COALESCE((SELECT k.balances FROM dkp_pool_balance_counts k
                                     WHERE k.org_id = b.org_id AND k.pool_id = b.pool_id), 0)`,
    );
    expect(drift).toEqual([]);
  });

  it('refuses bad paging and hides other orgs', async () => {
    expect((await g.call(g.readonly, 'GET', `/points/leaderboard/${g.pool.id}`, { query: { limit: 0 } })).status).toBe(
      400,
    );
    expect(
      (await g.call(g.readonly, 'GET', `/points/leaderboard/${g.pool.id}`, { query: { offset: -1 } })).status,
    ).toBe(400);
    expect((await g.call(g.readonly, 'GET', `/points/leaderboard/${randomUUID()}`)).status).toBe(404);
    const other = await createGuild(t);
    expect((await g.call(g.owner, 'GET', `/points/leaderboard/${other.pool.id}`)).status).toBe(404);
    await expectForbiddenPaths(g, { method: 'GET', path: `/points/leaderboard/${g.pool.id}`, minTier: 'readonly' });
  });
});
