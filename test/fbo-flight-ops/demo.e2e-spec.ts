import { seedFlightOpsDemo } from '../../src/contexts/fbo/flight-ops/demo/flight-ops-demo-seeder';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { createFboOrg, FboOrg } from './fbo-kit';

describe('fbo flight-ops demo seeder (e2e)', () => {
  let t: TestApp;
  let f: FboOrg;
  beforeAll(async () => {
    t = await startTestApp();
    f = await createFboOrg(t);
    await seedFlightOpsDemo(t.app, demoOrgOf(f.org, 'Missoula FBO'));
  });
  afterAll(() => t.close());

  const all = async (path: string, query: Record<string, unknown> = {}) =>
    (await f.ok(f.org.at('readonly'), 'GET', path, { query: { limit: 200, ...query } })).items;

  it('loads KMSO with 30 spots, 150 aircraft, a week of flights in every state, 25 GSE (4 trucks, one overdue), line services in every state', async () => {
    expect(await f.ok(f.org.owner, 'GET', '/settings')).toMatchObject({
      airports: ['KMSO'],
      timeZone: 'America/Denver',
    });
    expect(await all('/parking-locations', { airport: 'KMSO' })).toHaveLength(30);
    expect(await all('/aircraft')).toHaveLength(150);
    const flights = await all('/flights');
    expect(flights).toHaveLength(42);
    const statuses = new Set(flights.map((fl: { status: string }) => fl.status));
    expect([...statuses].sort()).toEqual(['arrived', 'cancelled', 'delayed', 'departed', 'planned', 'scheduled']);
    expect((await all('/flights', { today: true })).length).toBeGreaterThanOrEqual(6);
    expect(
      (await all('/equipment', { maintenance: 'overdue' })).map((u: { equipmentId: string }) => u.equipmentId),
    ).toEqual(['TUG-02']);
    expect(await all('/equipment')).toHaveLength(25);
    expect(await all('/equipment', { type: 'fuel_truck' })).toHaveLength(4);
    expect(
      (await all('/equipment', { status: 'out_of_service' })).map((u: { equipmentId: string }) => u.equipmentId),
    ).toEqual(['AS-01']);
    const services = await all('/line-services');
    expect(new Set(services.map((s: { status: string }) => s.status))).toEqual(
      new Set(['cancelled', 'completed', 'in_progress', 'scheduled']),
    );
    // The unit of the service in progress is in use, and only it.
    const started = services.find((s: { status: string }) => s.status === 'in_progress');
    expect((await all('/equipment', { status: 'in_use' })).map((u: { id: string }) => u.id)).toEqual([
      started.equipmentId,
    ]);
  });
});
