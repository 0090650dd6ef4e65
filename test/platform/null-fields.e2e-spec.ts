import { createGuild, Guild, http } from '../support/dkp-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * `null` in a request body (issue 9, item 3): a field that cannot be null answers a 400 problem
 * naming it (these answered 500: class-validator's `@IsOptional()` let the null through to the
 * database), and a field marked `@IsNullable()` takes null as "clear this field".
 */
describe('null in request bodies (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  let raidId: string;
  let itemId: string;
  beforeAll(async () => {
    t = await startTestApp();
    g = await createGuild(t);
    raidId = (await g.raid({ leaderUserId: g.officer.id, notes: 'Vox at 8' })).id;
    itemId = (
      await g.ok(g.owner, 'POST', '/items', {
        body: { name: 'Cloak of Flames', externalUrl: 'https://example.com/cloak' },
      })
    ).id;
  });
  afterAll(() => t.close());

  /** [method, path under the org, field the problem must name, body]. */
  const refused: [string, string, string, () => Record<string, unknown>][] = [
    ['PATCH', '/', 'name', () => ({ name: null })],
    ['PATCH', '/', 'contexts', () => ({ contexts: null })],
    ['PATCH', '/dkp/events/:event', 'name', () => ({ name: null })],
    ['PATCH', '/dkp/events/:event', 'active', () => ({ active: null })],
    ['PATCH', '/dkp/events/:event', 'poolId', () => ({ poolId: null })],
    ['POST', '/dkp/items', 'category', () => ({ name: 'Shield', category: null })],
    ['POST', '/dkp/items', 'name', () => ({ name: null })],
    ['POST', '/dkp/items', 'description', () => ({ name: 'Shield', description: null })],
    ['PATCH', '/dkp/items/:item', 'category', () => ({ category: null })],
    ['PATCH', '/dkp/items/:item', 'name', () => ({ name: null })],
    ['PATCH', '/dkp/items/:item', 'description', () => ({ description: null })],
    ['PATCH', '/dkp/raids/:raid', 'notes', () => ({ notes: null })],
    ['PATCH', '/dkp/applications/settings', 'trialDays', () => ({ trialDays: null })],
    ['PATCH', '/dkp/applications/settings', 'votingHours', () => ({ votingHours: null })],
    ['PATCH', '/dkp/applications/settings', 'minAttendancePercent', () => ({ minAttendancePercent: null })],
    ['POST', '/dkp/pools', 'auctionPricing', () => ({ name: 'Elemental', auctionPricing: null })],
    ['POST', '/dkp/raids/:raid/attendance/import', 'format', () => ({ text: 'Soandso', format: null })],
    ['POST', '/dkp/loot', 'characterName', () => ({ itemId, userId: g.member.id, characterName: 42, amount: '5' })],
    ['POST', '/dkp/loot', 'characterName', () => ({ itemId, userId: g.member.id, characterName: null, amount: '5' })],
    ['POST', '/dkp/loot', 'itemName', () => ({ itemId, itemName: ['x'], userId: g.member.id, amount: '5' })],
    [
      'POST',
      '/dkp/raids/:raid/attendance',
      'attendees.0.flag',
      () => ({ attendees: [{ name: 'Soandso', flag: null }] }),
    ],
  ];

  const orgPath = (path: string) =>
    `/api/v1/orgs/${g.slug}` +
    (path === '/' ? '' : path.replace(':event', g.event.id).replace(':item', itemId).replace(':raid', raidId));

  it.each(refused)('%s %s: a bad %s answers 400 naming it', async (method, path, field, body) => {
    const res = await http(t, g.owner, method, orgPath(path), { body: body() });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it('takes null as "clear this field" where the field is nullable', async () => {
    const item = await g.ok(g.owner, 'PATCH', `/items/${itemId}`, { body: { externalUrl: null } });
    expect(item.externalUrl).toBeNull();
    const raid = await g.ok(g.officer, 'PATCH', `/raids/${raidId}`, { body: { leaderUserId: null } });
    expect(raid.leaderUserId).toBeNull();
    const me = await http(t, g.member, 'PATCH', '/api/v1/me', { body: { displayName: 'Soandso', email: null } });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ displayName: 'Soandso', email: null }));
  });

  it('leaves the fields it refused unchanged', async () => {
    const raid = await g.ok(g.owner, 'GET', `/raids/${raidId}`);
    expect(raid.notes).toBe('Vox at 8');
    const event = await g.ok(g.owner, 'GET', `/events/${g.event.id}`);
    expect(event).toEqual(expect.objectContaining({ name: g.event.name, active: true, poolId: g.pool.id }));
  });
});
