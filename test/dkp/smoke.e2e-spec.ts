import { unwrap } from '@quartermaster/sdk';
import { createOrg, registerUser, startTestApp, TestApp } from '../support/test-app';

describe('dkp smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('runs a raid end to end', async () => {
    const owner = await registerUser(t, 'gm');
    const org = await createOrg(owner, ['dkp']);
    const path = { org: org.slug };
    const pool = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/pools', { params: { path }, body: { name: 'Main' } }),
    );
    const event = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/events', {
        params: { path },
        body: { name: 'Vox', defaultPoints: '10', poolId: pool.id },
      }),
    );
    const char = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/characters', {
        params: { path },
        body: { name: 'trident', characterClass: 'Paladin', userId: owner.id, level: 60 },
      }),
    );
    expect(char.name).toBe('Trident');
    const raid = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/raids', {
        params: { path },
        body: { eventId: event.id, startsAt: new Date().toISOString() as never },
      }),
    );
    const result = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/raids/{id}/attendance/import', {
        params: { path: { ...path, id: raid.id } },
        body: { text: 'Trident\nNobody\n' },
      }),
    );
    expect(result.awarded).toHaveLength(1);
    expect(result.unknown).toEqual(['Nobody']);
    const loot = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/loot', {
        params: { path },
        body: { itemName: 'Cloak of Flames', characterName: 'Trident', amount: '4', raidId: raid.id },
      }),
    );
    expect(loot.amount).toBe('4.00');
    const points = await unwrap(
      owner.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}', {
        params: { path: { ...path, userId: owner.id } },
      }),
    );
    expect(points.pools[0]).toMatchObject({ earned: '10.00', spent: '4.00', balance: '6.00' });
    expect(points.pools[0].attendance.days30).toBe(100);
    const board = await unwrap(
      owner.api.GET('/api/v1/orgs/{org}/dkp/points/leaderboard/{poolId}', {
        params: { path: { ...path, poolId: pool.id } },
      }),
    );
    expect(board.items[0]).toMatchObject({ rank: 1, balance: '6.00', mainCharacterName: 'Trident' });
    const history = await unwrap(
      owner.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}/history', {
        params: { path: { ...path, userId: owner.id } },
      }),
    );
    expect(history.items.map((e) => e.kind)).toEqual(['loot', 'attendance']);
    await unwrap(owner.api.DELETE('/api/v1/orgs/{org}/dkp/loot/{id}', { params: { path: { ...path, id: loot.id } } }));
    const stats = await unwrap(
      owner.api.GET('/api/v1/orgs/{org}/dkp/items/{id}/price-stats', {
        params: { path: { ...path, id: loot.itemId } },
      }),
    );
    expect(stats.count).toBe(0);
    await unwrap(
      owner.api.PATCH('/api/v1/orgs/{org}/dkp/pools/{id}', {
        params: { path: { ...path, id: pool.id } },
        body: { decayPercent: '10' },
      }),
    );
    const decay = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/pools/{id}/decay', { params: { path: { ...path, id: pool.id } } }),
    );
    expect(decay).toMatchObject({ applied: true, entries: 1, totalDecayed: '1.00' });
    const again = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/pools/{id}/decay', { params: { path: { ...path, id: pool.id } } }),
    );
    expect(again.applied).toBe(false);
  });
});
