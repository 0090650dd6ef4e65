import { seedRsiDemo } from '../../src/contexts/starcorp/rsi/demo/rsi-demo-seeder';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { createRsiOrg } from './rsi-kit';

describe('starcorp RSI demo seeder (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('seeds the FAROUTCORP profile and ~30 citizens, two departed, the demo users linked', async () => {
    const g = await createRsiOrg(t);
    await seedRsiDemo(t.app, demoOrgOf(g, 'Far Out Corporation'));
    const profile = await g.ok(null, 'GET', '/profile');
    expect(profile).toEqual(
      expect.objectContaining({ sid: 'FAROUTCORP', name: 'Far Out Corporation', memberCount: 34 }),
    );
    const reader = g.at('member');
    const current = await g.ok(reader, 'GET', '/rsi-members', { query: { limit: 200 } });
    expect(current.items).toHaveLength(31);
    const departed = await g.ok(reader, 'GET', '/rsi-members', { query: { state: 'departed' } });
    expect(departed.items).toHaveLength(2);
    const linked = await g.ok(reader, 'GET', '/rsi-members', { query: { linked: true } });
    expect(linked.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
      [g.owner.id, g.at('officer').id, g.at('member').id].sort(),
    );
  });
});
