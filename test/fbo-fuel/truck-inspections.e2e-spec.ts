import { FuelInspectionsService } from '../../src/contexts/fbo/fuel/inspections/inspections.service';
import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp, unique } from '../support/test-app';
import { createFuelOrg, createTank, eventTypes, FuelOrg } from './fuel-fixtures';

describe('fbo fuel truck inspections (14 CFR 139.321(d)) (e2e)', () => {
  let t: TestApp;
  let f: FuelOrg;
  beforeAll(async () => ({ t, g: f } = await startAppWith(createFuelOrg)));
  afterAll(() => t.close());

  const member = () => f.org.at('member');
  const checklist = [
    { item: 'Bonding cable and clamp', result: 'pass' },
    { item: 'Fire extinguishers charged', result: 'fail', findings: 'One discharged' },
  ];
  const unit = (type = 'fuel_truck', slug?: string) =>
    f.ok(slug ? f.org.outsider : f.org.at('officer'), 'POST', '/equipment', {
      body: {
        equipmentId: unique('FT').slice(0, 32),
        name: 'Fuel truck',
        type,
        ...(type === 'fuel_truck' ? { capacityGallons: '3000' } : {}),
      },
      slug,
    });
  const age = (id: string, months: number) =>
    t.db.query(`UPDATE fbo_equipment SET created_at = now() - make_interval(months => $2) WHERE id = $1`, [id, months]);
  const inspections = () => f.org.at('readonly');

  it('the entities match the migration (no schema drift on inspections and equipment)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    const queries = pending.upQueries.map((q) => q.query);
    expect(queries.filter((q) => /fbo_fuel_inspections|fbo_equipment"/.test(q))).toEqual([]);
  });

  it('forbidden paths: reads from readonly, records by members', async () => {
    const truck = await unit();
    await f.forbidden('GET', `/trucks/${truck.id}/inspections`, 'readonly', ['fbo:read'], { allowed: true });
    await f.forbidden('POST', `/trucks/${truck.id}/inspections`, 'member', ['fbo:write'], { body: { checklist } });
    expect(await t.db.query('SELECT 1 FROM fbo_fuel_inspections WHERE truck_id = $1', [truck.id])).toEqual([]);
  });

  it('records a checklist on a truck (any failed item fails it); the truck is no longer due', async () => {
    const truck = await unit();
    await age(truck.id, 4);
    expect((await f.ok(member(), 'GET', `/equipment/${truck.id}`)).inspectionDue).toBe(true);
    const tug = await unit('tug');
    await age(tug.id, 4);
    const ids = async (inspectionDue: boolean) =>
      (await f.ok(member(), 'GET', '/equipment', { query: { inspectionDue, limit: 200 } })).items.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids(true)).toContain(truck.id);
    expect([...(await ids(true)), ...(await ids(false))]).not.toContain(tug.id);
    const inspection = await f.ok(member(), 'POST', `/trucks/${truck.id}/inspections`, {
      body: { checklist, findings: 'Replaced extinguisher' },
    });
    expect(inspection).toMatchObject({
      truckId: truck.id,
      fuelTankId: null,
      result: 'fail',
      inspectorId: member().id,
      findings: 'Replaced extinguisher',
    });
    const after = await f.ok(member(), 'GET', `/equipment/${truck.id}`);
    expect(after).toMatchObject({ inspectionDue: false, lastInspectedAt: inspection.inspectedAt });
    expect(await ids(true)).not.toContain(truck.id);
    expect(await ids(false)).toContain(truck.id);
    expect((await f.call(member(), 'GET', '/equipment', { query: { inspectionDue: 'maybe' } })).status).toBe(400);
    const list = await f.ok(inspections(), 'GET', `/trucks/${truck.id}/inspections`);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([inspection.id]);
    // An older record entered late does not move the last inspection back.
    await f.ok(member(), 'POST', `/trucks/${truck.id}/inspections`, {
      body: { checklist, inspectedAt: new Date(Date.now() - 200 * 86_400_000).toISOString() },
    });
    expect((await f.ok(member(), 'GET', `/equipment/${truck.id}`)).lastInspectedAt).toBe(inspection.inspectedAt);
    // Tank and truck inspections stay apart.
    const tank = await createTank(f);
    expect((await f.ok(inspections(), 'GET', `/tanks/${tank.id}/inspections`)).items).toEqual([]);
  });

  it("a unit that is not a fuel truck, or another org's truck, is a 404; bad input is a 400 writing nothing", async () => {
    const tug = await unit('tug');
    expect((await f.ok(member(), 'GET', `/equipment/${tug.id}`)).inspectionDue).toBeNull();
    const other = await unit('fuel_truck', f.org.outsiderSlug);
    const tank = await createTank(f);
    for (const id of [tug.id, other.id, tank.id])
      await f.expectNotFound(f.org.owner, [
        ['GET', `/trucks/${id}/inspections`],
        ['POST', `/trucks/${id}/inspections`, { checklist }],
      ]);
    const truck = await unit();
    await expectEachInvalid(
      [
        [{ checklist: [] }, 'checklist'],
        [{ checklist: [{ item: 'x', result: 'maybe' }] }, 'checklist.0.result'],
        [{ checklist, inspectorId: f.org.outsider.id }, 'inspectorId'],
      ] as [unknown, string][],
      (body) => f.call(member(), 'POST', `/trucks/${truck.id}/inspections`, { body }),
    );
    expect(await t.db.query('SELECT 1 FROM fbo_fuel_inspections WHERE truck_id = $1', [truck.id])).toEqual([]);
  });

  it('an inspection targets exactly one of a tank or a truck (the CHECK)', async () => {
    const truck = await unit();
    const tank = await createTank(f);
    const insert = (tankId: string | null, truckId: string | null) =>
      t.db.query(
        `INSERT INTO fbo_fuel_inspections (org_id, fuel_tank_id, truck_id, result, checklist, inspector_id, inspected_at)
         VALUES ($1, $2, $3, 'pass', '[]', $4, now())`,
        [f.org.id, tankId, truckId, member().id],
      );
    await expect(insert(tank.id, truck.id)).rejects.toThrow(/ck_fbo_fuel_inspections_target/);
    await expect(insert(null, null)).rejects.toThrow(/ck_fbo_fuel_inspections_target/);
  });

  it('the daily job announces trucks (not other units, not trucks out of service) overdue once per lapse', async () => {
    const [truck, parked, tug, fresh] = [await unit(), await unit(), await unit('tug'), await unit()];
    for (const u of [truck, parked, tug]) await age(u.id, 4);
    await f.ok(f.org.at('officer'), 'POST', `/equipment/${parked.id}/status`, { body: { to: 'out_of_service' } });
    const jobs = t.app.get(FuelInspectionsService);
    await jobs.flagOverdue(new Date());
    await jobs.flagOverdue(new Date());
    expect(await eventTypes(t, truck.id, 'fbo.inspection.')).toEqual(['fbo.inspection.overdue']);
    for (const u of [parked, tug, fresh]) expect(await eventTypes(t, u.id, 'fbo.inspection.')).toEqual([]);
    const [event] = (await f.events('fbo.inspection.overdue')).filter((e) => e.subject_id === truck.id);
    expect(event.payload).toEqual({
      targetKind: 'truck',
      truckId: truck.id,
      truckNumber: truck.equipmentId,
      name: 'Fuel truck',
      lastInspectedAt: null,
    });
    // An inspection re-arms the job; one already 100 days old lapses again at once.
    await f.ok(member(), 'POST', `/trucks/${truck.id}/inspections`, {
      body: { checklist, inspectedAt: new Date(Date.now() - 100 * 86_400_000).toISOString() },
    });
    await jobs.flagOverdue(new Date());
    expect(await eventTypes(t, truck.id, 'fbo.inspection.')).toEqual([
      'fbo.inspection.overdue',
      'fbo.inspection.overdue',
    ]);
  });
});
