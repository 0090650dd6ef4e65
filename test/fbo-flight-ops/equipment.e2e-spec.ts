import { addDays } from '../../src/contexts/fbo/flight-ops/common/local-date';
import { localDate } from '../../src/contexts/fbo/flight-ops/settings/time-zone';
import { expectEachInvalid } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { createFboOrg, eventsOf, FboOrg, withAirports } from './fbo-kit';

describe('fbo equipment (e2e)', () => {
  let t: TestApp;
  let f: FboOrg;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp();
    f = await createFboOrg(t);
    await withAirports(f, ['KMSO'], 'America/Denver', ['vip', 'north-ramp']);
  });
  afterAll(() => t.close());

  const officer = () => f.org.at('officer');
  const unit = (body: Record<string, unknown> = {}) =>
    f.ok(officer(), 'POST', '/equipment', { body: { equipmentId: `tug-${++n}`, name: 'Tug', type: 'tug', ...body } });
  const setStatus = (id: string, to: string) => f.call(officer(), 'POST', `/equipment/${id}/status`, { body: { to } });
  const today = () => localDate(new Date(), 'America/Denver');

  it('officer adds units; ids are upper-cased and unique (409 naming equipmentId); fuel trucks need a capacity', async () => {
    const tug = await unit({ tags: ['north-ramp'], manufacturer: 'Eagle' });
    expect(tug).toMatchObject({
      equipmentId: `TUG-${n}`,
      status: 'available',
      tags: ['north-ramp'],
      maintenanceDue: null,
    });
    const dup = await f.call(officer(), 'POST', '/equipment', {
      body: { equipmentId: tug.equipmentId, name: 'x', type: 'gpu' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ slug: 'fbo-equipment-id-taken', field: 'equipmentId' });
    const truck = await unit({ type: 'fuel_truck', capacityGallons: '3000' });
    expect(truck.capacityGallons).toBe('3000.0');
    await expectEachInvalid(
      [
        [{ type: 'fuel_truck' }, 'capacityGallons'],
        [{ type: 'fuel_truck', capacityGallons: '0' }, 'capacityGallons'],
        [{ type: 'fuel_truck', capacityGallons: 3000 }, 'capacityGallons'],
        [{ type: 'hovercraft' }, 'type'],
        [{ tags: ['unknown'] }, 'tags.0'],
        [{ nextMaintenanceOn: '2026-02-30' }, 'nextMaintenanceOn'],
      ] as const,
      (body) =>
        f.call(officer(), 'POST', '/equipment', {
          body: { equipmentId: 'BAD-1', name: 'Bad', type: 'tug', ...body },
        }),
    );
    expect(
      (await f.call(officer(), 'GET', '/equipment', { query: { limit: 200 } })).body.items.map(
        (u: any) => u.equipmentId,
      ),
    ).not.toContain('BAD-1');
  });

  it('moves by the machine, announces each change, and refuses use of units in maintenance or out of service', async () => {
    const u = await unit();
    expect((await setStatus(u.id, 'in_use')).body.status).toBe('in_use');
    const busy = await setStatus(u.id, 'in_use');
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ slug: 'equipment-in-use', currentState: 'in_use' });
    expect((await setStatus(u.id, 'out_of_service')).body.status).toBe('out_of_service');
    const refused = await setStatus(u.id, 'in_use');
    expect(refused.body).toMatchObject({ slug: 'equipment-unavailable', currentState: 'out_of_service' });
    const illegal = await setStatus(u.id, 'available');
    expect(illegal.body).toMatchObject({ slug: 'invalid-transition', currentState: 'out_of_service' });
    expect((await setStatus(u.id, 'maintenance')).body.status).toBe('maintenance');
    expect((await setStatus(u.id, 'in_use')).body).toMatchObject({
      slug: 'equipment-unavailable',
      currentState: 'maintenance',
    });
    expect((await setStatus(u.id, 'available')).body.status).toBe('available');
    const moves = (await eventsOf(t, f.org.id, 'fbo.equipment.status_changed', u.id)).map((e) => `${e.from}>${e.to}`);
    expect(moves).toEqual([
      'available>in_use',
      'in_use>out_of_service',
      'out_of_service>maintenance',
      'maintenance>available',
    ]);
  });

  it('logging maintenance records it, sets the dates and frees the unit', async () => {
    const u = await unit();
    await setStatus(u.id, 'out_of_service');
    const performedOn = today();
    const log = await f.call(officer(), 'POST', `/equipment/${u.id}/maintenance`, {
      body: { kind: 'daily', performedOn, notes: 'Hydraulic leak fixed' },
    });
    expect(log.status).toBe(201);
    expect(log.body).toMatchObject({ kind: 'daily', performedOn, nextDueOn: addDays(performedOn, 1) });
    const after = await f.ok(f.org.at('readonly'), 'GET', `/equipment/${u.id}`);
    expect(after).toMatchObject({
      status: 'available',
      lastMaintenanceOn: performedOn,
      nextMaintenanceOn: addDays(performedOn, 1),
      maintenanceDue: 'due_soon',
    });
    const moves = (await eventsOf(t, f.org.id, 'fbo.equipment.status_changed', u.id)).map((e) => `${e.from}>${e.to}`);
    expect(moves).toEqual(['available>out_of_service', 'out_of_service>available']);
    const history = await f.ok(f.org.at('readonly'), 'GET', `/equipment/${u.id}/maintenance`);
    expect(history.items.map((m: { id: string }) => m.id)).toEqual([log.body.id]);
    await expectEachInvalid(
      [
        [{ kind: 'weekly', performedOn }, 'kind'],
        [{ kind: 'repair', performedOn: 'yesterday' }, 'performedOn'],
        [{ kind: 'repair', performedOn, nextDueOn: performedOn }, 'nextDueOn'],
      ] as const,
      (body) => f.call(officer(), 'POST', `/equipment/${u.id}/maintenance`, { body }),
    );
  });

  it('filters by type, status, tag, and maintenance overdue or due soon (org local today)', async () => {
    const g = await createFboOrg(t);
    await withAirports(g, ['KMSO'], 'America/Denver', ['north-ramp']);
    const add = (body: Record<string, unknown>) =>
      g.ok(g.org.owner, 'POST', '/equipment', { body: { name: 'U', type: 'gpu', ...body } });
    const overdue = await add({ equipmentId: 'GPU-1', nextMaintenanceOn: addDays(today(), -1) });
    const soon = await add({ equipmentId: 'GPU-2', nextMaintenanceOn: addDays(today(), 3), tags: ['north-ramp'] });
    const later = await add({ equipmentId: 'TUG-1', type: 'tug', nextMaintenanceOn: addDays(today(), 30) });
    await g.ok(g.org.owner, 'POST', `/equipment/${later.id}/status`, { body: { to: 'maintenance' } });
    const ids = async (query: Record<string, unknown>) =>
      (await g.ok(g.org.at('readonly'), 'GET', '/equipment', { query })).items.map(
        (u: { equipmentId: string }) => u.equipmentId,
      );
    expect(await ids({})).toEqual(['GPU-1', 'GPU-2', 'TUG-1']);
    expect(await ids({ maintenance: 'overdue' })).toEqual(['GPU-1']);
    expect(await ids({ maintenance: 'due_soon' })).toEqual(['GPU-2']);
    expect(await ids({ type: 'tug' })).toEqual(['TUG-1']);
    expect(await ids({ status: 'maintenance' })).toEqual(['TUG-1']);
    expect(await ids({ tag: 'north-ramp' })).toEqual(['GPU-2']);
    expect((await g.ok(g.org.owner, 'GET', `/equipment/${overdue.id}`)).maintenanceDue).toBe('overdue');
    const page = await g.ok(g.org.owner, 'GET', '/equipment', { query: { limit: 2 } });
    const rest = await g.ok(g.org.owner, 'GET', '/equipment', { query: { limit: 2, cursor: page.nextCursor } });
    expect([...page.items, ...rest.items].map((u: { id: string }) => u.id)).toEqual([overdue.id, soon.id, later.id]);
    for (const query of [{ maintenance: 'late' }, { type: 'boat' }, { cursor: 'x' }])
      expect((await g.call(g.org.owner, 'GET', '/equipment', { query })).status).toBe(400);
  });

  it('two uses of one unit at once: exactly one wins, the other is 409 equipment-in-use', async () => {
    for (let round = 0; round < 5; round++) {
      const u = await unit();
      const results = await Promise.all([setStatus(u.id, 'in_use'), setStatus(u.id, 'in_use')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.slug).toBe('equipment-in-use');
      expect(await eventsOf(t, f.org.id, 'fbo.equipment.status_changed', u.id)).toHaveLength(1);
    }
  });

  it('readers read, officers write, another org gets 404', async () => {
    const u = await unit();
    await f.forbidden('GET', '/equipment', 'readonly', ['fbo:read'], { allowed: true });
    await f.forbidden('POST', `/equipment/${u.id}/status`, 'officer', ['fbo:write'], { body: { to: 'maintenance' } });
    await f.forbidden('POST', `/equipment/${u.id}/maintenance`, 'officer', ['fbo:write'], {
      body: { kind: 'daily', performedOn: today() },
    });
    // The dispatcher grant is for flights, not equipment.
    expect(
      (await f.call(f.dispatcher, 'POST', '/equipment', { body: { equipmentId: 'D-1', name: 'x', type: 'gpu' } }))
        .status,
    ).toBe(403);
    const other = await createFboOrg(t);
    await other.expectNotFound(other.org.owner, [
      ['GET', `/equipment/${u.id}`],
      ['PATCH', `/equipment/${u.id}`, { name: 'Mine' }],
      ['POST', `/equipment/${u.id}/status`, { to: 'maintenance' }],
      ['POST', `/equipment/${u.id}/maintenance`, { kind: 'daily', performedOn: today() }],
      ['GET', `/equipment/${u.id}/maintenance`],
    ]);
    expect(await f.ok(f.org.owner, 'GET', `/equipment/${u.id}`)).toMatchObject({ status: 'available', name: 'Tug' });
  });
});
