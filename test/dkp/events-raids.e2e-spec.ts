import { randomUUID } from 'node:crypto';
import {
  charName,
  closeCheckingLedger,
  createGuild,
  daysAgo,
  expectForbiddenPaths,
  Guild,
} from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';

describe('dkp pools, events and raids (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  it('pools CRUD (admins), readable by readonly', async () => {
    const name = charName('Pool');
    const pool = await g.ok(g.admin, 'POST', '/pools', {
      body: { name, description: 'Planes of Power', decayPercent: '5.5', decayPeriodDays: 14 },
    });
    expect(pool).toMatchObject({
      name,
      description: 'Planes of Power',
      decayPercent: '5.50',
      decayPeriodDays: 14,
      lateAwardFraction: '0.50',
      leftEarlyAwardFraction: '0.50',
    });
    const dupPool = await g.call(g.admin, 'POST', '/pools', { body: { name } });
    expect(dupPool.status).toBe(409);
    expect(dupPool.body).toMatchObject({ type: expect.stringMatching(/pool-name-taken$/), field: 'name' });
    expect(await g.ok(g.readonly, 'GET', `/pools/${pool.id}`)).toMatchObject({ id: pool.id, name });
    expect((await g.ok(g.readonly, 'GET', '/pools', { query: { limit: 200 } })).items.map((p: any) => p.id)).toEqual(
      expect.arrayContaining([pool.id, g.pool.id]),
    );
    expect(
      (await g.ok(g.admin, 'PATCH', `/pools/${pool.id}`, { body: { leftEarlyAwardFraction: '0.75' } }))
        .leftEarlyAwardFraction,
    ).toBe('0.75');
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/pools',
      body: { name: charName('Nope') },
      minTier: 'admin',
    });
    await expectForbiddenPaths(g, {
      method: 'PATCH',
      path: `/pools/${pool.id}`,
      body: { description: 'x' },
      minTier: 'admin',
    });
    await expectForbiddenPaths(g, { method: 'GET', path: '/pools', minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/pools/${pool.id}`, minTier: 'readonly' });
    const other = await createGuild(t);
    expect((await g.call(g.owner, 'GET', `/pools/${other.pool.id}`)).status).toBe(404);
    expect(
      (await g.call(g.owner, 'PATCH', `/pools/${other.pool.id}`, { body: { description: 'hijack' } })).status,
    ).toBe(404);
  });

  it('events CRUD: default points, active flag, pool; in-use events cannot be deleted', async () => {
    const name = charName('Event');
    const event = await g.ok(g.officer, 'POST', '/events', {
      body: { name, defaultPoints: '12.5', poolId: g.pool.id, description: 'Nagafen' },
    });
    expect(event).toMatchObject({
      name,
      defaultPoints: '12.50',
      active: true,
      poolId: g.pool.id,
      description: 'Nagafen',
    });
    const dupEvent = await g.call(g.officer, 'POST', '/events', {
      body: { name, defaultPoints: '1', poolId: g.pool.id },
    });
    expect(dupEvent.status).toBe(409);
    expect(dupEvent.body).toMatchObject({ type: expect.stringMatching(/event-name-taken$/), field: 'name' });
    const other = await createGuild(t);
    expect(
      (
        await g.call(g.officer, 'POST', '/events', {
          body: { name: charName(), defaultPoints: '1', poolId: other.pool.id },
        })
      ).status,
    ).toBe(404);
    const inactive = await g.ok(g.officer, 'PATCH', `/events/${event.id}`, {
      body: { active: false, defaultPoints: '15' },
    });
    expect(inactive).toMatchObject({ active: false, defaultPoints: '15.00' });
    const onlyInactive = await g.ok(g.readonly, 'GET', '/events', { query: { active: false } });
    expect(onlyInactive.items.map((e: any) => e.id)).toEqual([event.id]);
    expect(onlyInactive.total).toBe(1);
    expect(
      (await g.ok(g.readonly, 'GET', '/events', { query: { active: true } })).items.map((e: any) => e.id),
    ).not.toContain(event.id);
    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/events',
      body: { name: charName(), defaultPoints: '1', poolId: g.pool.id },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, {
      method: 'PATCH',
      path: `/events/${event.id}`,
      body: { active: true },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, { method: 'DELETE', path: `/events/${event.id}`, minTier: 'officer' });
    await expectForbiddenPaths(g, { method: 'GET', path: '/events', minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/events/${event.id}`, minTier: 'readonly' });
    expect((await g.call(g.owner, 'GET', `/events/${other.event.id}`)).status).toBe(404);
    // Used by a raid: 409; unused: 204.
    await g.raid({ eventId: event.id });
    const del = await g.call(g.officer, 'DELETE', `/events/${event.id}`);
    expect(del.status).toBe(409);
    expect(del.body.type).toMatch(/event-in-use$/);
    const unused = await g.ok(g.officer, 'POST', '/events', {
      body: { name: charName('Unused'), defaultPoints: '1', poolId: g.pool.id },
    });
    expect((await g.call(g.officer, 'DELETE', `/events/${unused.id}`)).status).toBe(204);
    expect((await g.call(g.officer, 'GET', `/events/${unused.id}`)).status).toBe(404);
  });

  it('raids CRUD with defaults from the event; a raid with attendance cannot be deleted', async () => {
    const otherPool = await g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Alt') } });
    const startsAt = new Date().toISOString();
    const raid = await g.ok(g.officer, 'POST', '/raids', {
      body: { eventId: g.event.id, startsAt, leaderUserId: g.officer.id, notes: 'Vox down' },
    });
    expect(raid).toMatchObject({
      eventId: g.event.id,
      eventName: g.event.name,
      poolId: g.pool.id,
      value: '10.00',
      startsAt,
      leaderUserId: g.officer.id,
      notes: 'Vox down',
      attendeeCount: 0,
    });
    const custom = await g.ok(g.officer, 'POST', '/raids', {
      body: { eventId: g.event.id, startsAt, poolId: otherPool.id, value: '25.75' },
    });
    expect(custom).toMatchObject({ poolId: otherPool.id, value: '25.75', leaderUserId: null, notes: '' });
    const patched = await g.ok(g.officer, 'PATCH', `/raids/${custom.id}`, {
      body: { notes: 'second pull', value: '30', leaderUserId: null },
    });
    expect(patched).toMatchObject({ notes: 'second pull', value: '30.00', leaderUserId: null });
    expect(await g.ok(g.readonly, 'GET', `/raids/${raid.id}`)).toEqual(raid);
    expect(
      (
        await g.call(g.officer, 'POST', '/raids', {
          body: { eventId: g.event.id, startsAt, leaderUserId: g.outsider.id },
        })
      ).status,
    ).toBe(404);
    expect((await g.call(g.officer, 'POST', '/raids', { body: { eventId: randomUUID(), startsAt } })).status).toBe(404);
    const other = await createGuild(t);
    expect((await g.call(g.officer, 'POST', '/raids', { body: { eventId: other.event.id, startsAt } })).status).toBe(
      404,
    );
    expect(
      (await g.call(g.officer, 'POST', '/raids', { body: { eventId: g.event.id, startsAt, poolId: other.pool.id } }))
        .status,
    ).toBe(404);
    const foreignRaid = await other.raid();
    expect((await g.call(g.owner, 'GET', `/raids/${foreignRaid.id}`)).status).toBe(404);
    expect((await g.call(g.owner, 'PATCH', `/raids/${foreignRaid.id}`, { body: { notes: 'x' } })).status).toBe(404);
    expect((await g.call(g.owner, 'DELETE', `/raids/${foreignRaid.id}`)).status).toBe(404);

    await expectForbiddenPaths(g, {
      method: 'POST',
      path: '/raids',
      body: { eventId: g.event.id, startsAt },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, {
      method: 'PATCH',
      path: `/raids/${raid.id}`,
      body: { notes: 'x' },
      minTier: 'officer',
    });
    await expectForbiddenPaths(g, { method: 'DELETE', path: `/raids/${raid.id}`, minTier: 'officer' });
    await expectForbiddenPaths(g, { method: 'GET', path: '/raids', minTier: 'readonly' });
    await expectForbiddenPaths(g, { method: 'GET', path: `/raids/${raid.id}`, minTier: 'readonly' });

    await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, {
      body: { attendees: [{ name: g.chars.member.name }] },
    });
    const del = await g.call(g.officer, 'DELETE', `/raids/${raid.id}`);
    expect(del.status).toBe(409);
    expect(del.body.type).toMatch(/raid-not-empty$/);
    // Once the attendee is removed, it can go.
    await g.call(g.officer, 'DELETE', `/raids/${raid.id}/attendance/${g.member.id}`);
    expect((await g.call(g.officer, 'DELETE', `/raids/${raid.id}`)).status).toBe(204);
    expect((await g.call(g.officer, 'GET', `/raids/${raid.id}`)).status).toBe(404);
    expect((await g.call(g.officer, 'DELETE', `/raids/${custom.id}`)).status).toBe(204);
  });

  it('raid list: newest first, keyset pages, filters by pool, event and time window', async () => {
    const f = await createGuild(t);
    const pool2 = await f.ok(f.owner, 'POST', '/pools', { body: { name: 'Second' } });
    const event2 = await f.ok(f.officer, 'POST', '/events', {
      body: { name: 'Other', defaultPoints: '5', poolId: pool2.id },
    });
    const made: any[] = [];
    for (let i = 0; i < 7; i++)
      made.push(await f.raid({ startsAt: daysAgo(i * 10), ...(i % 2 ? { eventId: event2.id } : {}) }));
    // Two raids at the same instant are ordered by id and neither is lost between pages.
    const same = daysAgo(35);
    made.push(await f.raid({ startsAt: same }), await f.raid({ startsAt: same }));
    const all: any[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await f.ok(f.readonly, 'GET', '/raids', { query: { limit: 2, cursor } });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(all.map((r) => r.id).sort()).toEqual(made.map((r) => r.id).sort());
    const keys = all.map((r) => [new Date(r.startsAt).getTime(), r.id]);
    for (let i = 1; i < keys.length; i++)
      expect(keys[i - 1][0] > keys[i][0] || (keys[i - 1][0] === keys[i][0] && keys[i - 1][1] > keys[i][1])).toBe(true);

    const byEvent = await f.ok(f.readonly, 'GET', '/raids', { query: { eventId: event2.id } });
    expect(byEvent.items.map((r: any) => r.id)).toEqual([made[1], made[3], made[5]].map((r) => r.id));
    const byPool = await f.ok(f.readonly, 'GET', '/raids', { query: { poolId: pool2.id } });
    expect(byPool.items.map((r: any) => r.id)).toEqual([made[1], made[3], made[5]].map((r) => r.id));
    expect(byPool.items[0]).toMatchObject({ value: '5.00', eventName: 'Other' });
    const windowed = await f.ok(f.readonly, 'GET', '/raids', {
      query: { from: made[4].startsAt, to: made[1].startsAt },
    });
    // from is inclusive, to exclusive: raids at 20, 30, 35, 35 and 40 days ago.
    expect(windowed.items.map((r: any) => r.id).sort()).toEqual(
      [made[2], made[3], made[4], made[7], made[8]].map((r) => r.id).sort(),
    );
    expect((await f.call(f.readonly, 'GET', '/raids', { query: { from: 'yesterday' } })).status).toBe(400);
    expect((await f.call(f.readonly, 'GET', '/raids', { query: { poolId: 'x' } })).status).toBe(400);
    expect((await f.call(f.readonly, 'GET', '/raids', { query: { cursor: 'bm9wZQ' } })).status).toBe(400);
    expect((await f.call(f.readonly, 'GET', '/raids', { query: { limit: 500 } })).status).toBe(400);
  });

  it('invalid inputs are 400 problem+json, never 500', async () => {
    const startsAt = new Date().toISOString();
    const cases: [string, string, unknown][] = [
      ['POST', '/raids', { eventId: 'not-a-uuid', startsAt }],
      ['POST', '/raids', { eventId: g.event.id, startsAt: 'tomorrow-ish' }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, value: '1.234' }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, value: '1e5' }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, value: 'NaN' }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, value: '9999999999' }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, value: { $gt: 1 } }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, notes: 'x'.repeat(5001) }],
      ['POST', '/raids', { eventId: g.event.id, startsAt, surprise: true }],
      ['POST', '/raids', [{ eventId: g.event.id, startsAt }]],
      ['POST', '/raids', 'just a string'],
      ['POST', '/raids', null],
      ['POST', '/events', { name: 'x', defaultPoints: '1.234', poolId: g.pool.id }],
      ['POST', '/events', { name: 'x'.repeat(101), defaultPoints: '1', poolId: g.pool.id }],
      ['POST', '/events', { name: 'x', defaultPoints: '1', poolId: g.pool.id, active: 'yes' }],
      ['POST', '/events', { name: 'x', defaultPoints: true, poolId: g.pool.id }],
      ['POST', '/events', []],
      ['POST', '/characters', { name: charName(), characterClass: 'Warrior', userId: g.member.id, level: -1 }],
      ['POST', '/characters', { name: charName(), characterClass: 'Warrior', userId: g.member.id, level: 1.5 }],
      ['POST', '/characters', { name: charName(), characterClass: 'x'.repeat(10_000), userId: g.member.id }],
      ['POST', '/characters', { name: 'x'.repeat(100_000), characterClass: 'Warrior', userId: g.member.id }],
      ['POST', '/characters', { name: ['Array'], characterClass: 'Warrior', userId: g.member.id }],
      ['POST', '/pools', { name: 'x'.repeat(65) }],
      ['POST', '/pools', { name: charName(), lateAwardFraction: 0.5 }],
      ['POST', '/pools', { name: charName(), description: 'x'.repeat(2001) }],
      ['PATCH', `/raids/${randomUUID()}`, { value: '-1.001' }],
      ['PATCH', '/raids/not-a-uuid', { notes: 'x' }],
      ['GET', '/raids/not-a-uuid', undefined],
      ['GET', '/events/123', undefined],
      ['DELETE', `/events/${'1'.repeat(36)}`, undefined],
      ['POST', `/raids/${randomUUID()}/attendance/import`, { text: 'x'.repeat(500_001) }],
      ['POST', '/points/adjustments', { userId: g.member.id, poolId: g.pool.id, amount: '1', reason: 'x'.repeat(501) }],
    ];
    for (const [method, path, body] of cases) {
      const res = await g.call(g.owner, method, path, { body });
      expect({ method, path, body: JSON.stringify(body)?.slice(0, 80), status: res.status }).toEqual({
        method,
        path,
        body: JSON.stringify(body)?.slice(0, 80),
        status: 400,
      });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, type: expect.any(String) });
    }
    // Malformed JSON.
    const broken = await g.call(g.owner, 'POST', '/raids', { rawBody: '{"eventId": ' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/application\/problem\+json/);
    // Nothing was created along the way.
    expect((await g.ok(g.readonly, 'GET', '/raids', { query: { from: startsAt } })).items).toEqual([]);
  });
});
