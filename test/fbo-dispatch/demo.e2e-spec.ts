import { seedDispatchDemo } from '../../src/contexts/fbo/dispatch/demo/dispatch-demo-seeder';
import { seedFlightOpsDemo } from '../../src/contexts/fbo/flight-ops/demo/flight-ops-demo-seeder';
import { seedFuelDemo } from '../../src/contexts/fbo/fuel/demo/fuel-demo-seeder';
import { FuelStockService } from '../../src/contexts/fbo/fuel/stock/fuel-stock.service';
import { createContextKit, ContextKit, demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('fbo dispatch demo seeder (e2e)', () => {
  let t: TestApp;
  let f: ContextKit;
  let dispatcher: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    f = await createContextKit(t, 'fbo');
    dispatcher = await f.org.addUser('member', ['dispatcher']);
    const demo = demoOrgOf(f.org, 'Demo', { dispatcher, trainer: await f.org.addUser('member', ['trainer' as never]) });
    await seedFlightOpsDemo(t.app, demo);
    await seedFuelDemo(t.app, demo);
    await seedDispatchDemo(t.app, demo);
  });
  afterAll(() => t.close());

  it('seeds fuel orders in every state, completions dispensed from the trucks', async () => {
    const orders = (await f.ok(f.org.at('readonly'), 'GET', '/fuel-orders', { query: { limit: 200 } })).items;
    const states = new Set(orders.map((o: { status: string }) => o.status));
    expect([...states].sort()).toEqual(
      ['acknowledged', 'cancelled', 'completed', 'dispatched', 'en_route', 'fueling', 'requested', 'reviewed'].sort(),
    );
    const done = orders.filter((o: { status: string }) => ['completed', 'reviewed'].includes(o.status));
    expect(done.every((o: { gallons: string | null; pounds: string | null }) => o.gallons && o.pounds)).toBe(true);
    const dispensed = await t.db.query(
      "SELECT count(*) FROM fbo_fuel_movements WHERE org_id = $1 AND kind = 'dispense'",
      [f.org.id],
    );
    expect(Number(dispensed[0].count)).toBe(done.length);
    expect(await t.app.get(FuelStockService).findMismatches(f.org.id)).toEqual([]);
    // The orders still out are the demo member's to see in "mine" when assigned to them.
    const out = orders.filter((o: { status: string }) => ['en_route', 'fueling'].includes(o.status));
    expect(new Set(out.map((o: { truckId: string }) => o.truckId)).size).toBe(out.length);
    // Their trucks are in use (the fuel trucks' only use in the demo).
    const trucks = (await f.ok(f.org.at('readonly'), 'GET', '/equipment', { query: { type: 'fuel_truck' } })).items;
    expect(trucks).toHaveLength(4);
    const inUse = trucks.filter((u: { status: string }) => u.status === 'in_use').map((u: { id: string }) => u.id);
    expect(inUse.sort()).toEqual(out.map((o: { truckId: string }) => o.truckId).sort());
  });

  it('seeds the whole mso-fbo picture: flights, aircraft, GSE, tanks, fuelers and every state', async () => {
    const all = async (path: string, query: Record<string, unknown> = {}) =>
      (await f.ok(f.org.at('readonly'), 'GET', path, { query: { limit: 200, ...query } })).items;
    expect(await all('/parking-locations', { airport: 'KMSO' })).toHaveLength(30);
    expect(await all('/aircraft')).toHaveLength(150);
    expect(await all('/flights')).toHaveLength(42);
    expect(await all('/equipment')).toHaveLength(25);
    expect(await all('/tanks')).toHaveLength(7);
    expect(await all('/fuelers')).toHaveLength(12);
    const lineStates = new Set((await all('/line-services')).map((s: { status: string }) => s.status));
    expect([...lineStates].sort()).toEqual(['cancelled', 'completed', 'in_progress', 'scheduled']);
  });
});
