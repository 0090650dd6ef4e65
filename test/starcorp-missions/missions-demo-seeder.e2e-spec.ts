import { seedMissionsDemo } from '../../src/contexts/starcorp/missions/demo/missions-demo-seeder';
import { seedPeopleDemo } from '../../src/contexts/starcorp/people/demo/people-demo-seeder';
import { startAppWith } from '../support/app-with';
import { demoOrgOf } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { createPeopleOrg, PeopleOrg } from '../starcorp-people/people-kit';

describe('starcorp missions demo seeder (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  beforeAll(async () => ({ t, g: p } = await startAppWith(createPeopleOrg)));
  afterAll(() => t.close());

  it('seeds a mission in every state with participants, through the rules', async () => {
    const demo = demoOrgOf(p.org, 'Demo');
    await seedPeopleDemo(t.app, demo);
    await seedMissionsDemo(t.app, demo);
    const reader = p.org.at('readonly');
    const list = await p.ok(reader, 'GET', '/missions', { query: { limit: 200 } });
    expect(new Set(list.items.map((m: any) => m.status))).toEqual(
      new Set(['draft', 'scheduled', 'in_progress', 'completed', 'cancelled']),
    );
    const byTitle = new Map(list.items.map((m: any) => [m.title, m]));
    const completed = await p.ok(reader, 'GET', `/missions/${(byTitle.get('Operation Far Out') as any).id}`);
    expect(completed.participants.map((x: any) => x.status).sort()).toEqual(['attended', 'attended', 'no_show']);
    expect(completed.participants.every((x: any) => x.fleetShipId !== null)).toBe(true);
    const patrol: any = byTitle.get('Vanguard Patrol');
    expect(patrol.squadronId).not.toBeNull();
    expect(patrol.createdByUserId).toBe(p.org.at('officer').id);
    const member = await p.ok(reader, 'GET', `/members/${p.org.at('member').id}`);
    expect(member.stats.missionsCompleted).toBe(1);
    expect((await p.events('starcorp.mission.completed')).length).toBe(1);
  });
});
