import { randomUUID } from 'node:crypto';
import { paginate } from '@quartermaster/sdk';
import {
  charName,
  closeCheckingLedger,
  createGuild,
  daysAgo,
  expectForbiddenPaths,
  Guild,
} from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { registerUser, TestApp, TestUser } from '../support/test-app';

describe('dkp points (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  const adjust = (who: TestUser, body: Record<string, unknown>, headers?: Record<string, string>) =>
    g.call(who, 'POST', '/points/adjustments', { body: { poolId: g.pool.id, reason: 'test', ...body }, headers });
  const newPool = () => g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Pool') } });

  it('user points: earned, spent, adjusted, balance per pool and attendance rates over 30/60/90 days and lifetime', async () => {
    const u = await g.newMember();
    const c = await g.character(u);
    const alt = await g.character(u, charName(), { mainCharacterId: c.id });
    const pool = await newPool();
    const raids = [];
    for (const days of [10, 45, 80, 200])
      raids.push(await g.raid({ poolId: pool.id, startsAt: daysAgo(days), value: '10' }));
    // Attends all but the 45-day-old raid; once with the alt (alts fold into the user).
    await g.ok(g.officer, 'POST', `/raids/${raids[0].id}/attendance`, { body: { attendees: [{ name: alt.name }] } });
    await g.ok(g.officer, 'POST', `/raids/${raids[2].id}/attendance`, { body: { attendees: [{ name: c.name }] } });
    await g.ok(g.officer, 'POST', `/raids/${raids[3].id}/attendance`, {
      body: { attendees: [{ name: c.name }, { name: alt.name }] },
    });
    expect((await adjust(g.officer, { userId: u.id, poolId: pool.id, amount: '5.5' })).status).toBe(201);
    await g.ok(g.officer, 'POST', '/loot', {
      body: { userId: u.id, poolId: pool.id, itemName: charName('Item'), amount: '12.25' },
    });

    const points = await g.ok(g.readonly, 'GET', `/points/users/${u.id}`);
    expect(points).toMatchObject({ userId: u.id, username: u.username, discordId: null });
    const mine = points.pools.find((p: any) => p.poolId === pool.id);
    expect(mine).toEqual({
      poolId: pool.id,
      poolName: pool.name,
      earned: '30.00',
      spent: '12.25',
      adjusted: '5.50',
      decayed: '0.00',
      balance: '23.25',
      attendance: { days30: 100, days60: 50, days90: 66.7, lifetime: 75, raidsAttended30: 1, raidsHeld30: 1 },
    });
    // Every pool of the org is listed, zero where the user has nothing.
    expect(points.pools.find((p: any) => p.poolId === g.pool.id)).toMatchObject({
      earned: '0.00',
      balance: '0.00',
      attendance: { days30: 0, lifetime: 0 },
    });
    expect(await g.ok(g.member, 'GET', `/points/users/${u.id}/pools/${pool.id}`)).toEqual(mine);
    // Another org's pool, a missing user and a stranger are 404.
    const other = await createGuild(t);
    expect((await g.call(g.owner, 'GET', `/points/users/${u.id}/pools/${other.pool.id}`)).status).toBe(404);
    expect((await g.call(g.owner, 'GET', `/points/users/${randomUUID()}`)).status).toBe(404);
    expect((await g.call(g.owner, 'GET', `/points/users/${g.outsider.id}`)).status).toBe(404);
    expect((await g.call(g.owner, 'GET', `/points/users/nope`)).status).toBe(400);
  });

  it('forbidden paths', async () => {
    await expectForbiddenPaths(g, { method: 'GET', path: `/points/users/${g.member.id}`, minTier: 'readonly' });
    await expectForbiddenPaths(g, {
      method: 'GET',
      path: `/points/users/${g.member.id}/pools/${g.pool.id}`,
      minTier: 'readonly',
    });
    await expectForbiddenPaths(g, { method: 'GET', path: `/points/users/${g.member.id}/history`, minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/points/leaderboard/${g.pool.id}`, minTier: 'readonly' });
    await expectForbiddenPaths(g, {
      method: 'GET',
      path: `/points/character-attribution/${g.chars.member.name}`,
      minTier: 'readonly',
    });
    await expectForbiddenPaths(g, { method: 'GET', path: '/points/adjustments', minTier: 'readonly' });
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/points/adjustments',
      body: { userId: g.member.id, poolId: g.pool.id, amount: '100', reason: 'gift' },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/points/adjustments/bulk',
      body: { poolId: g.pool.id, reason: 'gift', entries: [{ userId: g.member.id, amount: '100' }] },
      minTier: 'officer',
    });
    expect((await g.balance(g.member)).adjusted).toBe('0.00');
  });

  it('history is keyset-paginated newest first, filterable by kind and pool', async () => {
    const u = await g.newMember();
    const c = await g.character(u);
    const raid = await g.raid();
    await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: [{ name: c.name }] } });
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++)
      ids.push((await adjust(g.officer, { userId: u.id, amount: String(i), reason: `adj ${i}` })).body.id);
    const bulk = await g.call(g.officer, 'POST', '/points/adjustments/bulk', {
      body: {
        poolId: g.pool.id,
        reason: 'bulk',
        entries: [
          { userId: u.id, amount: '1' },
          { userId: g.member.id, amount: '1' },
        ],
      },
    });
    expect(bulk.status).toBe(201);
    const all: any[] = [];
    let pages = 0;
    for await (const e of paginate((cursor) => {
      pages++;
      return u.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}/history', {
        params: { path: { org: g.slug, userId: u.id }, query: { limit: 2, cursor } as never },
      });
    })) {
      all.push(e);
    }
    expect(pages).toBe(4);
    expect(all).toHaveLength(7);
    expect(new Set(all.map((e) => e.id)).size).toBe(7);
    expect(all.map((e) => e.kind)).toEqual([
      'adjustment',
      'adjustment',
      'adjustment',
      'adjustment',
      'adjustment',
      'adjustment',
      'attendance',
    ]);
    expect(all[0]).toMatchObject({
      reason: 'bulk',
      amount: '1.00',
      bucket: 'adjusted',
      userId: u.id,
      actorUserId: g.officer.id,
      source: 'api',
    });
    expect(all.slice(1, 6).map((e) => e.id)).toEqual([...ids].reverse());
    const times = all.map((e) => new Date(e.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const onlyAttendance = await g.ok(g.readonly, 'GET', `/points/users/${u.id}/history`, {
      query: { kind: 'attendance' },
    });
    expect(onlyAttendance.items).toEqual([
      expect.objectContaining({ kind: 'attendance', amount: '10.00', raidId: raid.id, characterName: c.name }),
    ]);
    expect(onlyAttendance.nextCursor).toBeNull();
    expect(
      (await g.ok(g.readonly, 'GET', `/points/users/${u.id}/history`, { query: { poolId: randomUUID() } })).items,
    ).toEqual([]);
    expect((await g.call(g.readonly, 'GET', `/points/users/${u.id}/history`, { query: { kind: 'gift' } })).status).toBe(
      400,
    );
    expect(
      (await g.call(g.readonly, 'GET', `/points/users/${u.id}/history`, { query: { cursor: 'garbage' } })).status,
    ).toBe(400);
    // Adjustments list.
    const adjustments = await g.ok(g.readonly, 'GET', '/points/adjustments', { query: { userId: u.id, limit: 3 } });
    expect(adjustments.items).toHaveLength(3);
    expect(adjustments.nextCursor).toEqual(expect.any(String));
    expect(adjustments.items.every((e: any) => e.kind === 'adjustment' && e.userId === u.id)).toBe(true);
  });

  it('leaderboard: balance order, shared ranks, total and offset', async () => {
    const pool = await newPool();
    const users = [await g.newMember(), await g.newMember(), await g.newMember(), await g.newMember()];
    const main = await g.character(users[0]);
    await g.character(users[0], charName(), { mainCharacterId: main.id });
    const amounts = ['30', '20', '20', '10'];
    for (let i = 0; i < 4; i++)
      expect((await adjust(g.officer, { userId: users[i].id, poolId: pool.id, amount: amounts[i] })).status).toBe(201);
    const board = await g.ok(g.readonly, 'GET', `/points/leaderboard/${pool.id}`);
    expect(board.total).toBe(4);
    expect(board.items.map((e: any) => [e.rank, e.balance])).toEqual([
      [1, '30.00'],
      [2, '20.00'],
      [2, '20.00'],
      [4, '10.00'],
    ]);
    expect(board.items[0]).toMatchObject({
      userId: users[0].id,
      username: users[0].username,
      mainCharacterName: main.name,
      earned: '0.00',
      spent: '0.00',
    });
    expect(board.items[3]).toMatchObject({ userId: users[3].id, mainCharacterName: null });
    const page = await g.ok(g.readonly, 'GET', `/points/leaderboard/${pool.id}`, { query: { limit: 2, offset: 2 } });
    expect(page.total).toBe(4);
    expect(page.items.map((e: any) => e.rank)).toEqual([2, 4]);
    expect(page.items[1].userId).toBe(users[3].id);
    const beyond = await g.ok(g.readonly, 'GET', `/points/leaderboard/${pool.id}`, { query: { offset: 10 } });
    expect(beyond).toEqual({ items: [], total: 4 });
    const empty = await newPool();
    expect(await g.ok(g.readonly, 'GET', `/points/leaderboard/${empty.id}`)).toEqual({ items: [], total: 0 });
    const other = await createGuild(t);
    expect((await g.call(g.owner, 'GET', `/points/leaderboard/${other.pool.id}`)).status).toBe(404);
  });

  describe('adjustments', () => {
    it('single: officer adds and removes with a reason; a removal beyond the balance is 409 and writes nothing', async () => {
      const u = await g.newMember();
      const added = await adjust(g.officer, {
        userId: u.id,
        amount: '7.5',
        reason: 'Helped with a port',
        characterName: 'someone',
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        kind: 'adjustment',
        bucket: 'adjusted',
        amount: '7.50',
        reason: 'Helped with a port',
        characterName: 'Someone',
        actorUserId: g.officer.id,
        userId: u.id,
        poolId: g.pool.id,
      });
      expect((await adjust(g.officer, { userId: u.id, amount: '-2.50' })).status).toBe(201);
      expect(await g.balance(u)).toMatchObject({ adjusted: '5.00', balance: '5.00' });
      const tooMuch = await adjust(g.officer, { userId: u.id, amount: '-5.01' });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.type).toMatch(/insufficient-points$/);
      expect(tooMuch.body.balance).toBe('5.00');
      expect((await adjust(g.officer, { userId: u.id, amount: '-5' })).status).toBe(201);
      expect((await g.balance(u)).balance).toBe('0.00');
      const history = await g.ok(g.readonly, 'GET', `/points/users/${u.id}/history`);
      expect(history.items).toHaveLength(3);
      // Invalid: no reason, empty reason, three decimals, text, unknown field.
      for (const body of [
        { reason: undefined },
        { reason: '' },
        { amount: '1.234' },
        { amount: 'ten' },
        { amount: 1e12 },
        { bonus: true },
        { poolId: 'x' },
      ]) {
        const res = await adjust(g.officer, { userId: u.id, amount: '1', ...body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      expect((await adjust(g.member, { userId: u.id, amount: '1' })).status).toBe(403);
      const stranger = await registerUser(t, 'str');
      expect((await adjust(g.officer, { userId: stranger.id, amount: '1' })).status).toBe(404);
      expect((await adjust(g.officer, { userId: u.id, amount: '1', poolId: randomUUID() })).status).toBe(404);
      expect((await g.balance(u)).balance).toBe('0.00');
    });

    it('bulk: all or nothing, each user once', async () => {
      const [a, b, c] = [await g.newMember(), await g.newMember(), await g.newMember()];
      await adjust(g.officer, { userId: a.id, amount: '10' });
      const bulk = (entries: unknown[], who = g.officer) =>
        g.call(who, 'POST', '/points/adjustments/bulk', { body: { poolId: g.pool.id, reason: 'Raid bonus', entries } });
      const ok = await bulk([
        { userId: a.id, amount: '-4' },
        { userId: b.id, amount: '3' },
        { userId: c.id, amount: '2.25' },
      ]);
      expect(ok.status).toBe(201);
      expect(ok.body).toHaveLength(3);
      expect(ok.body.every((e: any) => e.reason === 'Raid bonus' && e.kind === 'adjustment')).toBe(true);
      expect((await g.balance(a)).balance).toBe('6.00');
      expect((await g.balance(b)).balance).toBe('3.00');
      // One removal beyond a balance: nothing is written.
      const bad = await bulk([
        { userId: a.id, amount: '1' },
        { userId: b.id, amount: '-3.01' },
        { userId: c.id, amount: '1' },
      ]);
      expect(bad.status).toBe(409);
      expect(bad.body.type).toMatch(/insufficient-points$/);
      const stranger = await registerUser(t, 'str');
      expect(
        (
          await bulk([
            { userId: a.id, amount: '1' },
            { userId: stranger.id, amount: '1' },
          ])
        ).status,
      ).toBe(404);
      expect(
        (
          await bulk([
            { userId: a.id, amount: '1' },
            { userId: a.id, amount: '1' },
          ])
        ).status,
      ).toBe(400);
      expect((await bulk([])).status).toBe(400);
      expect((await bulk([{ userId: a.id, amount: '1.001' }])).status).toBe(400);
      expect((await bulk([{ userId: a.id, amount: '1' }], g.member)).status).toBe(403);
      expect((await g.balance(a)).balance).toBe('6.00');
      expect((await g.balance(b)).balance).toBe('3.00');
      expect((await g.balance(c)).balance).toBe('2.25');
    });

    it('an Idempotency-Key makes a retried adjustment count once', async () => {
      const u = await g.newMember();
      const key = randomUUID();
      const first = await adjust(g.officer, { userId: u.id, amount: '4' }, { 'idempotency-key': key });
      const second = await adjust(g.officer, { userId: u.id, amount: '4' }, { 'idempotency-key': key });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      expect((await g.balance(u)).balance).toBe('4.00');
    });
  });

  it('character attribution lists ledger rows by character name, any case', async () => {
    const u = await g.newMember();
    const c = await g.character(u);
    const raid = await g.raid();
    await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: [{ name: c.name }] } });
    await g.ok(g.officer, 'POST', '/loot', {
      body: { characterName: c.name.toLowerCase(), itemName: charName('Item'), amount: '3', raidId: raid.id },
    });
    const rows = await g.ok(g.readonly, 'GET', `/points/character-attribution/${c.name.toUpperCase()}`);
    expect(rows.items.map((e: any) => e.kind)).toEqual(['loot', 'attendance']);
    expect(rows.items.every((e: any) => e.characterName === c.name && e.userId === u.id)).toBe(true);
    expect(
      (await g.ok(g.readonly, 'GET', `/points/character-attribution/${c.name}`, { query: { kind: 'loot' } })).items,
    ).toHaveLength(1);
    expect((await g.ok(g.readonly, 'GET', '/points/character-attribution/Neverexisted')).items).toEqual([]);
    // Another org's rows under the same name do not show.
    const other = await createGuild(t);
    expect((await other.ok(other.readonly, 'GET', `/points/character-attribution/${c.name}`)).items).toEqual([]);
  });

  it('balance by Discord id', async () => {
    const u = await g.newMember();
    const discordId = String(100000000000000000n + BigInt(Math.floor(Math.random() * 1e15)));
    await t.db.query('UPDATE users SET discord_id = $1 WHERE id = $2', [discordId, u.id]);
    await adjust(g.officer, { userId: u.id, amount: '9' });
    const res = await g.ok(g.readonly, 'GET', `/discord/users/${discordId}/balance`);
    expect(res).toMatchObject({ userId: u.id, username: u.username, discordId });
    expect(res.pools.find((p: any) => p.poolId === g.pool.id).balance).toBe('9.00');
    const one = await g.ok({ apiKey: g.readBotKey }, 'GET', `/discord/users/${discordId}/balance`, {
      query: { poolId: g.pool.id },
    });
    expect(one.pools).toHaveLength(1);
    expect(
      (await g.call(g.readonly, 'GET', `/discord/users/${discordId}/balance`, { query: { poolId: 'x' } })).status,
    ).toBe(400);
    expect((await g.call(g.readonly, 'GET', '/discord/users/999999999999999999/balance')).status).toBe(404);
    // A linked user who is not in the org.
    const stranger = await registerUser(t, 'str');
    const strangerDiscord = String(BigInt(discordId) + 1n);
    await t.db.query('UPDATE users SET discord_id = $1 WHERE id = $2', [strangerDiscord, stranger.id]);
    expect((await g.call(g.readonly, 'GET', `/discord/users/${strangerDiscord}/balance`)).status).toBe(404);
    await expectForbiddenPaths(g, { method: 'GET', path: `/discord/users/${discordId}/balance`, minTier: 'readonly' });
  });

  describe('concurrency', () => {
    it('30 concurrent +1.00 adjustments add exactly 30.00', async () => {
      const u = await g.newMember();
      const results = await Promise.all(
        Array.from({ length: 30 }, () => adjust(g.officer, { userId: u.id, amount: '1.00' })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
      expect(await g.balance(u)).toMatchObject({ adjusted: '30.00', balance: '30.00' });
    });

    it('20 concurrent loot awards of 10 against a balance of 100: exactly 10 succeed, never negative', async () => {
      const u = await g.newMember();
      await adjust(g.officer, { userId: u.id, amount: '100' });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          g.call(g.officer, 'POST', '/loot', {
            body: { userId: u.id, poolId: g.pool.id, itemName: `Concurrent Item ${i}`, amount: '10' },
          }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(10);
      expect(await g.balance(u)).toMatchObject({ spent: '100.00', balance: '0.00' });
      const [{ min }] = await t.db.query('SELECT min(balance)::text AS min FROM dkp_balances WHERE org_id = $1', [
        g.orgId,
      ]);
      expect(Number(min)).toBeGreaterThanOrEqual(0);
    });
  });
});
