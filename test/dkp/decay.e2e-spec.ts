import { DecayService } from '../../src/contexts/dkp/decay/decay.service';
import { Pool } from '../../src/contexts/dkp/pools/pool.entity';
import { charName, closeCheckingLedger, createGuild, expectForbiddenPaths, Guild } from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { TestApp, TestUser } from '../support/test-app';

const DAY_MS = 86_400_000;

describe('dkp decay (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  const decayPool = (body: Record<string, unknown> = {}) =>
    g.ok(g.owner, 'POST', '/pools', {
      body: { name: charName('Decay'), decayPercent: '10', decayPeriodDays: 7, ...body },
    });
  const fund = (u: TestUser, poolId: string, amount: string) =>
    g.ok(g.officer, 'POST', '/points/adjustments', { body: { userId: u.id, poolId, amount, reason: 'funding' } });
  const decayRows = async (poolId: string) =>
    (await t.db.query(
      `SELECT user_id, amount::text FROM dkp_ledger WHERE pool_id = $1 AND kind = 'decay' ORDER BY created_at, user_id`,
      [poolId],
    )) as { user_id: string; amount: string }[];

  it('forbidden paths: admins only', async () => {
    const pool = await decayPool();
    await expectForbiddenPaths(g, { method: 'POST', path: `/pools/${pool.id}/decay`, minTier: 'admin' });
    expect(await t.db.query('SELECT 1 FROM dkp_decay_runs WHERE pool_id = $1', [pool.id])).toEqual([]);
    const other = await createGuild(t);
    expect((await g.call(g.owner, 'POST', `/pools/${other.pool.id}/decay`)).status).toBe(404);
    expect((await g.call(g.admin, 'POST', `/pools/${pool.id}/decay`)).body.applied).toBe(true);
  });

  it('takes 10% of each positive balance as decay rows, rounded to hundredths, once per period', async () => {
    const pool = await decayPool();
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => g.newMember()));
    const funded = ['100', '55.55', '0.05', '0.04'];
    for (let i = 0; i < funded.length; i++) await fund(users[i], pool.id, funded[i]);
    // users[4] has no balance row; users[3] would decay 0.004 → 0.00: untouched.
    const res = await g.ok(g.owner, 'POST', `/pools/${pool.id}/decay`);
    expect(res).toMatchObject({ poolId: pool.id, applied: true, entries: 3, totalDecayed: '15.57' });
    expect(new Date(res.periodStart).getTime() % (7 * DAY_MS)).toBe(0);
    const expected: Record<string, Record<string, string>> = {
      [users[0].id]: { decayed: '10.00', balance: '90.00' },
      [users[1].id]: { decayed: '5.56', balance: '49.99' },
      [users[2].id]: { decayed: '0.01', balance: '0.04' },
      [users[3].id]: { decayed: '0.00', balance: '0.04' },
      [users[4].id]: { decayed: '0.00', balance: '0.00' },
    };
    for (const u of users) expect(await g.balance(u, pool.id)).toMatchObject(expected[u.id]);
    const rows = await decayRows(pool.id);
    expect(rows).toHaveLength(3);
    const history = await g.ok(g.readonly, 'GET', `/points/users/${users[0].id}/history`, { query: { kind: 'decay' } });
    expect(history.items).toEqual([
      expect.objectContaining({
        kind: 'decay',
        bucket: 'decayed',
        amount: '-10.00',
        source: 'job',
        actorUserId: g.owner.id,
      }),
    ]);
    expect(history.items[0].reason).toMatch(/10\.00%/);

    const again = await g.ok(g.owner, 'POST', `/pools/${pool.id}/decay`);
    expect(again).toMatchObject({ applied: false, entries: 0, totalDecayed: '0.00', periodStart: res.periodStart });
    expect(await decayRows(pool.id)).toHaveLength(3);
    // The other pools of the org are untouched.
    expect((await g.balance(users[0], g.pool.id)).decayed).toBe('0.00');
  });

  it('concurrent runs for one period apply exactly once', async () => {
    const pool = await decayPool({ decayPercent: '50' });
    const u = await g.newMember();
    await fund(u, pool.id, '80');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => g.call(g.owner, 'POST', `/pools/${pool.id}/decay`)),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => r.body.applied)).toHaveLength(1);
    expect(await decayRows(pool.id)).toHaveLength(1);
    expect((await g.balance(u, pool.id)).balance).toBe('40.00');
  });

  it('applies again in the next (epoch-aligned) period, and never for a pool with decay off', async () => {
    const pool = await decayPool({ decayPeriodDays: 3 });
    const u = await g.newMember();
    await fund(u, pool.id, '200');
    const decay = t.app.get(DecayService);
    const entity = await t.db.getRepository(Pool).findOneByOrFail({ id: pool.id });
    const now = new Date();
    const first = await decay.applyDue(entity, now, null);
    expect(first).toMatchObject({ applied: true, entries: 1, totalDecayed: '20.00' });
    expect(first.periodStart.getTime()).toBe(Math.floor(now.getTime() / (3 * DAY_MS)) * 3 * DAY_MS);
    expect((await decay.applyDue(entity, new Date(first.periodStart.getTime() + 3 * DAY_MS - 1), null)).applied).toBe(
      false,
    );
    const next = await decay.applyDue(entity, new Date(now.getTime() + 3 * DAY_MS), null);
    expect(next).toMatchObject({ applied: true, entries: 1, totalDecayed: '18.00' });
    expect(next.periodStart.getTime()).toBe(first.periodStart.getTime() + 3 * DAY_MS);
    expect((await decay.applyDue(entity, new Date(now.getTime() + 3 * DAY_MS), null)).applied).toBe(false);
    expect(await g.balance(u, pool.id)).toMatchObject({ decayed: '38.00', balance: '162.00' });
    const rows = await decayRows(pool.id);
    expect(rows.map((r) => r.amount)).toEqual(['-20.00', '-18.00']);

    const off = await g.ok(g.owner, 'POST', '/pools', { body: { name: charName('NoDecay') } });
    expect(off.decayPercent).toBe('0.00');
    await fund(u, off.id, '10');
    expect((await g.ok(g.owner, 'POST', `/pools/${off.id}/decay`)).applied).toBe(false);
    expect((await g.balance(u, off.id)).balance).toBe('10.00');
    // Invalid settings.
    for (const body of [
      { decayPercent: '101' },
      { decayPercent: '-1' },
      { decayPercent: '10.123' },
      { decayPeriodDays: 0 },
      { decayPeriodDays: 366 },
    ]) {
      expect((await g.call(g.owner, 'PATCH', `/pools/${off.id}`, { body })).status).toBe(400);
    }
  });
});
