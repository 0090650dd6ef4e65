import { randomUUID } from 'node:crypto';
import { charName, closeCheckingLedger, createGuild, expectForbiddenPaths, Guild } from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { TestApp, TestUser } from '../support/test-app';

describe('dkp items and loot (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  const fund = async (u: TestUser, amount: string) =>
    g.ok(g.officer, 'POST', '/points/adjustments', {
      body: { userId: u.id, poolId: g.pool.id, amount, reason: 'funding' },
    });
  const award = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    g.call(g.officer, 'POST', '/loot', { body: { poolId: g.pool.id, ...body }, headers });

  it('item CRUD, names unique any case, rarity enum and external URL validation', async () => {
    const name = `Cloak of Flames ${charName()}`;
    const item = await g.ok(g.officer, 'POST', '/items', {
      body: {
        name,
        category: 'Back',
        rarity: 'rare',
        externalUrl: 'https://everquest.allakhazam.com/db/item.html?item=1',
      },
    });
    expect(item).toMatchObject({
      name,
      category: 'Back',
      rarity: 'rare',
      externalUrl: 'https://everquest.allakhazam.com/db/item.html?item=1',
    });
    expect((await g.ok(g.officer, 'POST', '/items', { body: { name: charName('Plain') } })).rarity).toBe('common');
    const dup = await g.call(g.officer, 'POST', '/items', { body: { name: name.toUpperCase() } });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/item-name-taken$/);
    expect(dup.body.field).toBe('name');
    for (const body of [
      { rarity: 'mythic' },
      { externalUrl: 'javascript:alert(1)' },
      { externalUrl: 'not a url' },
      { externalUrl: 'ftp://x.example.com/a' },
      { name: '' },
      { name: 'x'.repeat(121) },
    ]) {
      const res = await g.call(g.officer, 'POST', '/items', { body: { name: charName('Bad'), ...body } });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect(await g.ok(g.readonly, 'GET', `/items/${item.id}`)).toEqual(item);
    const patched = await g.ok(g.officer, 'PATCH', `/items/${item.id}`, {
      body: { rarity: 'legendary', externalUrl: null },
    });
    expect(patched).toMatchObject({ rarity: 'legendary', externalUrl: null });
    expect((await g.call(g.officer, 'PATCH', `/items/${item.id}`, { body: { rarity: 'junk' } })).status).toBe(400);
    const list = await g.ok(g.readonly, 'GET', '/items', { query: { search: name.slice(0, 15).toLowerCase() } });
    expect(list.items.map((i: any) => i.id)).toContain(item.id);
    expect(list.total).toBeGreaterThanOrEqual(1);
    const other = await createGuild(t);
    expect(
      (
        await g.call(
          g.officer,
          'GET',
          `/items/${(await other.ok(other.officer, 'POST', '/items', { body: { name } })).id}`,
        )
      ).status,
    ).toBe(404);
    expect((await g.call(g.officer, 'DELETE', `/items/${item.id}`)).status).toBe(204);
    expect((await g.call(g.officer, 'GET', `/items/${item.id}`)).status).toBe(404);
  });

  it('forbidden paths', async () => {
    const item = await g.ok(g.officer, 'POST', '/items', { body: { name: charName('Fp') } });
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/items',
      body: { name: charName('Nope') },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, { method: 'GET', path: '/items', minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/items/${item.id}`, minTier: 'readonly' });
    await expectForbiddenPaths(g, {
      method: 'PATCH',
      path: `/items/${item.id}`,
      body: { rarity: 'epic' },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, { method: 'DELETE', path: `/items/${item.id}`, minTier: 'officer' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/items/${item.id}/bid-history`, minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/items/${item.id}/price-stats`, minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: '/loot', minTier: 'readonly' });
    await fund(g.member, '50');
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/loot',
      body: { userId: g.member.id, poolId: g.pool.id, itemId: item.id, amount: '5' },
      minTier: 'officer',
    });
    const loot = (await award({ userId: g.member.id, itemId: item.id, amount: '5' })).body;
    await expectForbiddenPaths(g, { method: 'GET', path: `/loot/${loot.id}`, minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'DELETE', path: `/loot/${loot.id}`, minTier: 'officer' });
    expect((await g.ok(g.readonly, 'GET', `/loot/${loot.id}`)).reversedAt).toBeNull();
    expect((await g.balance(g.member)).balance).toBe('45.00');
    expect((await g.ok(g.readonly, 'GET', `/items/${item.id}`)).rarity).toBe('common');
  });

  it('awards by userId or characterName, by itemId or itemName (new names go to the catalog, any case matches)', async () => {
    const u = await g.newMember();
    const c = await g.character(u);
    await fund(u, '100');
    const raid = await g.raid();
    const itemName = `Jaded Electrum Bracelet ${charName()}`;
    const first = await award({ userId: u.id, itemName, amount: '10', raidId: raid.id, poolId: undefined });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      itemName,
      userId: u.id,
      poolId: g.pool.id,
      raidId: raid.id,
      characterName: null,
      amount: '10.00',
      reversedAt: null,
    });
    const second = await award({
      characterName: c.name.toLowerCase(),
      itemName: itemName.toUpperCase(),
      amount: '15.5',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      itemId: first.body.itemId,
      itemName,
      userId: u.id,
      characterName: c.name,
      amount: '15.50',
      raidId: null,
    });
    const third = await award({ userId: u.id, characterName: c.name, itemId: first.body.itemId, amount: '1' });
    expect(third.status).toBe(201);
    expect((await g.ok(g.readonly, 'GET', '/items', { query: { search: itemName.toLowerCase() } })).total).toBe(1);
    expect(await g.balance(u)).toMatchObject({ spent: '26.50', balance: '73.50' });
    const ledger = await g.ok(g.readonly, 'GET', `/points/users/${u.id}/history`, { query: { kind: 'loot' } });
    expect(ledger.items[0]).toMatchObject({
      kind: 'loot',
      bucket: 'spent',
      amount: '-1.00',
      lootId: third.body.id,
      reason: itemName,
      characterName: c.name,
    });
    // Errors: unknown character 404, character of another user 400, stranger 404, outside a raid without pool 400, nothing named 400.
    expect((await award({ characterName: 'Nosuchchar', itemName, amount: '1' })).status).toBe(404);
    expect((await award({ userId: g.member.id, characterName: c.name, itemName, amount: '1' })).status).toBe(400);
    expect((await award({ userId: g.outsider.id, itemName, amount: '1' })).status).toBe(404);
    const noPool = await g.call(g.officer, 'POST', '/loot', { body: { userId: u.id, itemName, amount: '1' } });
    expect(noPool.status).toBe(400);
    expect(noPool.body.errors).toEqual([expect.objectContaining({ path: 'poolId' })]);
    expect((await award({ userId: u.id, amount: '1' })).status).toBe(400);
    expect((await award({ itemName, amount: '1' })).status).toBe(400);
    expect((await award({ userId: u.id, itemName, amount: '0' })).status).toBe(400);
    expect((await award({ userId: u.id, itemName, amount: '-5' })).status).toBe(400);
    expect((await award({ userId: u.id, itemName, amount: '1.001' })).status).toBe(400);
    expect((await award({ userId: u.id, itemId: randomUUID(), amount: '1' })).status).toBe(404);
    expect((await award({ userId: u.id, itemName, amount: '1', raidId: randomUUID() })).status).toBe(404);
    expect((await g.balance(u)).balance).toBe('73.50');
  });

  it('an award beyond the balance is 409 and writes nothing', async () => {
    const u = await g.newMember();
    await fund(u, '20');
    const res = await award({ userId: u.id, itemName: charName('Pricey'), amount: '20.01' });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/insufficient-points$/);
    expect((await g.ok(g.readonly, 'GET', '/loot', { query: { userId: u.id } })).items).toEqual([]);
    expect((await award({ userId: u.id, itemName: charName('Exact'), amount: '20' })).status).toBe(201);
    expect((await g.balance(u)).balance).toBe('0.00');
  });

  it('reversing an award refunds it by a correction; the row stays marked; a second reverse is 409', async () => {
    const u = await g.newMember();
    await fund(u, '30');
    const loot = (await award({ userId: u.id, itemName: charName('Rev'), amount: '12' })).body;
    const reversed = await g.call(g.officer, 'DELETE', `/loot/${loot.id}`);
    expect(reversed.status).toBe(200);
    expect(reversed.body.reversedAt).not.toBeNull();
    expect(await g.balance(u)).toMatchObject({ spent: '0.00', balance: '30.00' });
    expect((await g.ok(g.readonly, 'GET', `/loot/${loot.id}`)).reversedAt).toBe(reversed.body.reversedAt);
    const history = await g.ok(g.readonly, 'GET', `/points/users/${u.id}/history`);
    expect(history.items[0]).toMatchObject({
      kind: 'correction',
      bucket: 'spent',
      amount: '12.00',
      lootId: loot.id,
      correctsId: history.items[1].id,
    });
    const again = await g.call(g.officer, 'DELETE', `/loot/${loot.id}`);
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/loot-already-reversed$/);
    expect((await g.balance(u)).balance).toBe('30.00');
    expect((await g.call(g.officer, 'DELETE', `/loot/${randomUUID()}`)).status).toBe(404);
  });

  it('bid history lists awards newest first; price stats exclude reversed awards', async () => {
    const u = await g.newMember();
    await fund(u, '500');
    const item = await g.ok(g.officer, 'POST', '/items', { body: { name: charName('Stats') } });
    const empty = await g.ok(g.readonly, 'GET', `/items/${item.id}/price-stats`);
    expect(empty).toEqual({ count: 0, min: null, median: null, max: null });
    const ids: string[] = [];
    for (const amount of ['10', '40', '20', '30', '1000'.slice(0, 3)])
      ids.push((await award({ userId: u.id, itemId: item.id, amount })).body.id);
    // amounts 10, 40, 20, 30, 100; reverse the 100.
    await g.ok(g.officer, 'DELETE', `/loot/${ids[4]}`);
    expect(await g.ok(g.readonly, 'GET', `/items/${item.id}/price-stats`)).toEqual({
      count: 4,
      min: '10.00',
      median: '25.00',
      max: '40.00',
    });
    const history = await g.ok(g.readonly, 'GET', `/items/${item.id}/bid-history`);
    expect(history.items.map((l: any) => l.id)).toEqual([...ids].reverse());
    expect(history.items[0].reversedAt).not.toBeNull();
    const page = await g.ok(g.readonly, 'GET', `/items/${item.id}/bid-history`, { query: { limit: 2 } });
    expect(page.items).toHaveLength(2);
    const next = await g.ok(g.readonly, 'GET', `/items/${item.id}/bid-history`, {
      query: { limit: 2, cursor: page.nextCursor },
    });
    expect(next.items.map((l: any) => l.id)).toEqual([ids[2], ids[1]]);
    expect((await g.call(g.readonly, 'GET', `/items/${randomUUID()}/bid-history`)).status).toBe(404);
    expect((await g.call(g.readonly, 'GET', `/items/${randomUUID()}/price-stats`)).status).toBe(404);
    // An item with loot (even reversed) stays in the catalog.
    const del = await g.call(g.officer, 'DELETE', `/items/${item.id}`);
    expect(del.status).toBe(409);
    expect(del.body.type).toMatch(/item-in-use$/);
  });

  it('an Idempotency-Key on POST loot debits once', async () => {
    const u = await g.newMember();
    await fund(u, '50');
    const key = randomUUID();
    const body = { userId: u.id, itemName: charName('Idem'), amount: '20' };
    const first = await award(body, { 'idempotency-key': key });
    const second = await award(body, { 'idempotency-key': key });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await g.balance(u)).balance).toBe('30.00');
    expect((await g.ok(g.readonly, 'GET', '/loot', { query: { userId: u.id } })).items).toHaveLength(1);
    expect((await award({ ...body, amount: '1' }, { 'idempotency-key': key })).status).toBe(422);
  });

  it('concurrent awards, each sent twice with its Idempotency-Key: one award, one debit and one audit entry per key', async () => {
    const winners = [await g.newMember(), await g.newMember()];
    for (const u of winners) await fund(u, '30');
    const newName = charName('Grouped Relic');
    // 12 awards of 5 (6 per winner, so every one is covered), two of them naming the same new
    // item in another case, then a 13th per winner that the balance no longer covers.
    const bodies = Array.from({ length: 12 }, (_, i) => ({
      userId: winners[i % 2].id,
      itemName: i === 3 ? newName.toUpperCase() : i === 0 ? newName : charName(`Relic ${i}`),
      amount: '5',
    }));
    const keys = bodies.map(() => randomUUID());
    const results = await Promise.all(
      bodies.flatMap((body, i) => [
        award(body, { 'idempotency-key': keys[i] }),
        award(body, { 'idempotency-key': keys[i] }),
      ]),
    );
    const lootIds: string[] = [];
    bodies.forEach((body, i) => {
      const pair = [results[2 * i], results[2 * i + 1]];
      const created = pair.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const r of pair.filter((x) => x.status !== 201)) expect(r.body.type).toMatch(/idempotency-in-progress$/);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      expect(created[0].body).toMatchObject({ userId: body.userId, amount: '5.00', reversedAt: null });
      lootIds.push(created[0].body.id);
    });
    // The same new name, in two cases, is one catalog item.
    expect(results[0].body.itemId ?? results[1].body.itemId).toBe(results[6].body.itemId ?? results[7].body.itemId);
    expect((await g.ok(g.readonly, 'GET', '/items', { query: { search: newName.toLowerCase() } })).total).toBe(1);
    // Retried after the fact: the stored answers.
    const again = await Promise.all(bodies.map((body, i) => award(body, { 'idempotency-key': keys[i] })));
    expect(again.map((r) => r.body.id)).toEqual(lootIds);
    for (const u of winners) {
      expect(await g.balance(u)).toMatchObject({ spent: '30.00', balance: '0.00' });
      const listed = await g.ok(g.readonly, 'GET', '/loot', { query: { userId: u.id } });
      expect(listed.items).toHaveLength(6);
    }
    const refused = await Promise.all(
      winners.map((u) => award({ userId: u.id, itemName: charName('Late'), amount: '0.01' })),
    );
    expect(refused.map((r) => r.status)).toEqual([409, 409]);
    const [{ entries, targets }] = await t.db.query(
      `SELECT count(*)::int AS entries, count(DISTINCT target_id)::int AS targets
         FROM audit_log WHERE action = 'awardLoot' AND target_id = ANY($1::varchar[])`,
      [lootIds],
    );
    expect({ entries, targets }).toEqual({ entries: 12, targets: 12 });
  });
});
