import { seedPeopleDemo } from '../../src/contexts/starcorp/people/demo/people-demo-seeder';
import { startAppWith } from '../support/app-with';
import { demoOrgOf } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { createPeopleOrg, PeopleOrg } from './people-kit';

describe('starcorp people demo seeder (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  beforeAll(async () => ({ t, g: p } = await startAppWith(createPeopleOrg)));
  afterAll(() => t.close());

  it('fills an org with ranks, hulls in every state and squadrons, through the rules', async () => {
    await seedPeopleDemo(t.app, demoOrgOf(p.org, 'Demo'));
    const reader = p.org.at('readonly');
    const owner = await p.ok(reader, 'GET', `/members/${p.org.owner.id}`);
    expect(owner.rank.name).toBe('Fleet Admiral');
    const fleet = await p.ok(reader, 'GET', '/fleet', { query: { limit: 200 } });
    expect(new Set(fleet.items.map((f: any) => f.status))).toEqual(new Set(['pledged', 'active', 'on_loan', 'sold']));
    const squadrons = await p.ok(reader, 'GET', '/squadrons/all');
    expect(squadrons.items.map((s: any) => [s.name, s.memberCount, s.recruiting])).toEqual([
      ['Deep Horizon', 0, false],
      ['Iron Haulers', 0, true],
      ['Vanguard', 1, true],
    ]);
  });
});
