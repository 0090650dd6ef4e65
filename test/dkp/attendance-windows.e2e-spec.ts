import { startAppWith } from '../support/app-with';
import { charName, closeCheckingLedger, createGuild, daysAgo, Guild } from '../support/dkp-fixtures';
import { TestApp, TestUser } from '../support/test-app';

/** The leaderboard row fields read here (the SDK's schema gains `attendance30` when the lead regenerates it). */
type Entry = { rank: number; userId: string; balance: string; attendance30: number };

/**
 * Attendance windows start at the later of their own start and the member's record start in the
 * pool: their first raid there (default) or their membership start (a pool setting).
 */
describe('dkp attendance windows (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  /** A pool with raids 40, 25, 15, 10 and 5 days ago, a veteran at all, a recruit from the 15-day one on. */
  async function poolWithRecruit(body: Record<string, unknown> = {}) {
    const pool = await g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Pool'), ...body } });
    const event = await g.ok(g.owner, 'POST', '/events', {
      body: { name: charName('Event'), defaultPoints: '10', poolId: pool.id },
    });
    const [veteran, recruit] = [await g.newMember(), await g.newMember()];
    const [vc, rc] = [await g.character(veteran), await g.character(recruit)];
    for (const days of [40, 25, 15, 10, 5]) {
      const raid = await g.raid({ eventId: event.id, startsAt: daysAgo(days) });
      const attendees = days <= 15 ? [{ name: vc.name }, { name: rc.name }] : [{ name: vc.name }];
      await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees } });
    }
    return { pool, veteran, recruit };
  }
  const rates = async (user: TestUser, poolId: string) =>
    (await g.ok(g.readonly, 'GET', `/points/users/${user.id}/pools/${poolId}`)).attendance;
  const board30 = async (poolId: string) =>
    new Map<string, number>(
      (await g.ok(g.readonly, 'GET', `/points/leaderboard/${poolId}`)).items.map((e: Entry) => [
        e.userId,
        e.attendance30,
      ]),
    );
  const joinedDaysAgo = (user: TestUser, days: number) =>
    t.db.query('UPDATE memberships SET created_at = $1 WHERE org_id = $2 AND user_id = $3', [
      daysAgo(days),
      g.orgId,
      user.id,
    ]);

  it('by default a recruit who attended every raid since their first has 100 %, raids before it do not count', async () => {
    const { pool, veteran, recruit } = await poolWithRecruit();
    expect(pool.attendanceWindowStart).toBe('first_raid');
    expect(await rates(recruit, pool.id)).toEqual({
      days30: 100,
      days60: 100,
      days90: 100,
      lifetime: 100,
      raidsAttended30: 3,
      raidsHeld30: 3,
    });
    expect(await rates(veteran, pool.id)).toMatchObject({ days30: 100, raidsHeld30: 4, lifetime: 100 });
    const board = await board30(pool.id);
    expect(board.get(recruit.id)).toBe(100);
    expect(board.get(veteran.id)).toBe(100);
  });

  it('a member who missed raids after their first keeps the misses', async () => {
    const { pool, recruit } = await poolWithRecruit();
    const event = await g.ok(g.owner, 'POST', '/events', {
      body: { name: charName('Event'), defaultPoints: '10', poolId: pool.id },
    });
    await g.raid({ eventId: event.id, startsAt: daysAgo(2) });
    expect(await rates(recruit, pool.id)).toMatchObject({ days30: 75, raidsAttended30: 3, raidsHeld30: 4 });
    expect((await board30(pool.id)).get(recruit.id)).toBe(75);
  });

  it('a pool counting from membership starts ignores raids before joining, attended or not', async () => {
    const { pool, recruit } = await poolWithRecruit({ attendanceWindowStart: 'membership' });
    expect(pool.attendanceWindowStart).toBe('membership');
    // Joined 12 days ago: the 15-day raid (attended as a guest) is before it.
    await joinedDaysAgo(recruit, 12);
    expect(await rates(recruit, pool.id)).toEqual({
      days30: 100,
      days60: 100,
      days90: 100,
      lifetime: 100,
      raidsAttended30: 2,
      raidsHeld30: 2,
    });
    // Joined 30+ days ago but first raided 15 days ago: the raids before count against them.
    await joinedDaysAgo(recruit, 28);
    expect(await rates(recruit, pool.id)).toMatchObject({ days30: 75, raidsAttended30: 3, raidsHeld30: 4 });
    expect((await board30(pool.id)).get(recruit.id)).toBe(75);
    // The same member under the default (first raid) has 100 %.
    await g.ok(g.owner, 'PATCH', `/pools/${pool.id}`, { body: { attendanceWindowStart: 'first_raid' } });
    expect(await rates(recruit, pool.id)).toMatchObject({ days30: 100, raidsHeld30: 3 });
    expect((await board30(pool.id)).get(recruit.id)).toBe(100);
  });

  it('a member without a raid in the pool has no rate there', async () => {
    const { pool } = await poolWithRecruit();
    const idle = await g.newMember();
    await g.ok(g.officer, 'POST', '/points/adjustments', {
      body: { poolId: pool.id, userId: idle.id, amount: '1', reason: 'test' },
    });
    expect(await rates(idle, pool.id)).toEqual({
      days30: 0,
      days60: 0,
      days90: 0,
      lifetime: 0,
      raidsAttended30: 0,
      raidsHeld30: 0,
    });
    expect((await board30(pool.id)).get(idle.id)).toBe(0);
  });

  it('the setting is validated and only an admin changes it', async () => {
    const pool = await g.ok(g.owner, 'POST', '/pools', { body: { name: charName('Pool') } });
    const bad = await g.call(g.owner, 'PATCH', `/pools/${pool.id}`, { body: { attendanceWindowStart: 'joined' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'attendanceWindowStart' })]),
    );
    const byMember = await g.call(g.member, 'PATCH', `/pools/${pool.id}`, {
      body: { attendanceWindowStart: 'membership' },
    });
    expect(byMember.status).toBe(403);
    expect((await g.ok(g.readonly, 'GET', `/pools/${pool.id}`)).attendanceWindowStart).toBe('first_raid');
  });
});
