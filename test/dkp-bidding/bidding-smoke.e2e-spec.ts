import { unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp } from '../support/test-app';

describe('bidding smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('runs an auction', async () => {
    const owner = await registerUser(t, 'gm');
    const a = await registerUser(t, 'a');
    const b = await registerUser(t, 'b');
    const org = await createOrg(owner, ['dkp']);
    const path = { org: org.slug };
    await addMember(owner, org.slug, a, 'member');
    await addMember(owner, org.slug, b, 'member');
    const pool = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/pools', { params: { path }, body: { name: 'Main' } }),
    );
    for (const u of [a, b]) {
      await unwrap(
        owner.api.POST('/api/v1/orgs/{org}/dkp/points/adjustments', {
          params: { path },
          body: { userId: u.id, poolId: pool.id, amount: '100', reason: 'seed' },
        }),
      );
    }
    const s = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions', {
        params: { path },
        body: { itemName: 'Rod of Odd', poolId: pool.id },
      }),
    );
    await unwrap(
      a.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/bids', {
        params: { path: { ...path, id: s.id } },
        body: { amount: '10' },
      }),
    );
    const low = await problemOf(
      b.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/bids', {
        params: { path: { ...path, id: s.id } },
        body: { amount: '10' },
      }),
    );
    expect(low.status).toBe(409);
    await unwrap(
      b.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/bids', {
        params: { path: { ...path, id: s.id } },
        body: { amount: '20' },
      }),
    );
    const tooMuch = await problemOf(
      a.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/bids', {
        params: { path: { ...path, id: s.id } },
        body: { amount: '101' },
      }),
    );
    expect(tooMuch.body.type).toMatch(/bid-exceeds-balance/);
    const closed = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/close', { params: { path: { ...path, id: s.id } } }),
    );
    expect(closed.winners).toEqual([expect.objectContaining({ userId: b.id, price: '20.00' })]);
    const awarded = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/award', { params: { path: { ...path, id: s.id } } }),
    );
    const again = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/award', { params: { path: { ...path, id: s.id } } }),
    );
    expect(again.winners[0].lootId).toBe(awarded.winners[0].lootId);
    const pts = await unwrap(
      owner.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}', { params: { path: { ...path, userId: b.id } } }),
    );
    expect(pts.pools[0].balance).toBe('80.00');
  });
});
