import { charName, closeCheckingLedger, createGuild, Guild } from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { TestApp, unique } from '../support/test-app';

/**
 * Points in requests are decimal strings with at most two places: JSON numbers are refused (not rounded),
 * only adjustments may be negative, and an adjustment is never zero nor explained by a blank reason.
 */
describe('dkp points input (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  /** Sends the request as the officer and expects a 400 that names `path`. */
  async function expectRefused(method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>, field: string) {
    const res = await g.call(g.owner, method, path, { body });
    expect({ status: res.status, paths: (res.body.errors ?? []).map((e: any) => e.path) }).toEqual({
      status: 400,
      paths: expect.arrayContaining([field]),
    });
  }

  const adjustment = (body: Record<string, unknown>) => ({
    userId: g.member.id,
    poolId: g.pool.id,
    reason: 'Helped with a port',
    amount: '5.00',
    ...body,
  });
  const startsAt = () => new Date().toISOString();

  it('JSON numbers are a 400 naming the field, in every points field', async () => {
    await expectRefused('POST', '/points/adjustments', adjustment({ amount: 5.999 }), 'amount');
    await expectRefused('POST', '/points/adjustments', adjustment({ amount: 5 }), 'amount');
    await expectRefused(
      'POST',
      '/points/adjustments/bulk',
      { poolId: g.pool.id, reason: 'Bonus', entries: [{ userId: g.member.id, amount: 5 }] },
      'entries.0.amount',
    );
    await expectRefused('POST', '/raids', { eventId: g.event.id, startsAt: startsAt(), value: 10 }, 'value');
    await expectRefused(
      'POST',
      '/events',
      { name: unique('Ev'), poolId: g.pool.id, defaultPoints: 12.5 },
      'defaultPoints',
    );
    await expectRefused('POST', '/pools', { name: charName('Pool'), minIncrement: 1 }, 'minIncrement');
    await expectRefused(
      'POST',
      '/bidding/sessions',
      { itemName: unique('Cloak'), poolId: g.pool.id, minBid: 5 },
      'minBid',
    );
    await expectRefused(
      'POST',
      '/loot',
      { userId: g.member.id, poolId: g.pool.id, itemName: 'Cloak', amount: 5 },
      'amount',
    );
    expect((await g.balance(g.member)).balance).toBe('0.00');
  });

  it('negative raid value, event defaultPoints, pool minIncrement and session minBid are 400', async () => {
    await expectRefused('POST', '/raids', { eventId: g.event.id, startsAt: startsAt(), value: '-10.00' }, 'value');
    const raid = await g.raid();
    await expectRefused('PATCH', `/raids/${raid.id}`, { value: '-1' }, 'value');
    await expectRefused(
      'POST',
      '/events',
      { name: unique('Ev'), poolId: g.pool.id, defaultPoints: '-10.00' },
      'defaultPoints',
    );
    await expectRefused('PATCH', `/events/${g.event.id}`, { defaultPoints: '-0.01' }, 'defaultPoints');
    await expectRefused('POST', '/pools', { name: charName('Pool'), minIncrement: '-1.00' }, 'minIncrement');
    await expectRefused(
      'POST',
      '/bidding/sessions',
      { itemName: unique('Cloak'), poolId: g.pool.id, minBid: '-5.00' },
      'minBid',
    );
  });

  it('adjustments may be negative but never zero, and need a reason that is not blank', async () => {
    await expectRefused('POST', '/points/adjustments', adjustment({ amount: '0' }), 'amount');
    await expectRefused('POST', '/points/adjustments', adjustment({ amount: '-0.00' }), 'amount');
    await expectRefused('POST', '/points/adjustments', adjustment({ reason: '   \t ' }), 'reason');
    await expectRefused(
      'POST',
      '/points/adjustments/bulk',
      { poolId: g.pool.id, reason: 'Bonus', entries: [{ userId: g.member.id, amount: '0.00' }] },
      'entries.0.amount',
    );
    await expectRefused(
      'POST',
      '/points/adjustments/bulk',
      { poolId: g.pool.id, reason: ' ', entries: [{ userId: g.member.id, amount: '1.00' }] },
      'reason',
    );
    expect((await g.balance(g.member)).balance).toBe('0.00');
  });

  it('valid decimal strings are still accepted and pinned to two places', async () => {
    const u = await g.newMember();
    const added = await g.call(g.officer, 'POST', '/points/adjustments', {
      body: adjustment({ userId: u.id, amount: '7.5' }),
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ amount: '7.50' });
    const removed = await g.call(g.officer, 'POST', '/points/adjustments', {
      body: adjustment({ userId: u.id, amount: '-2.25' }),
    });
    expect(removed.status).toBe(201);
    expect((await g.balance(u)).balance).toBe('5.25');
    const raid = await g.call(g.officer, 'POST', '/raids', {
      body: { eventId: g.event.id, startsAt: startsAt(), value: '0' },
    });
    expect(raid.status).toBe(201);
    expect(raid.body).toMatchObject({ value: '0.00' });
    const event = await g.call(g.owner, 'POST', '/events', {
      body: { name: unique('Ev'), poolId: g.pool.id, defaultPoints: '12.5' },
    });
    expect(event.status).toBe(201);
    expect(event.body).toMatchObject({ defaultPoints: '12.50' });
    const pool = await g.call(g.owner, 'POST', '/pools', { body: { name: charName('Pool'), minIncrement: '0.50' } });
    expect(pool.status).toBe(201);
  });
});
