import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { createFboOrg, errorPaths, eventsOf, FboOrg, withAirports } from './fbo-kit';

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe('fbo line services (e2e)', () => {
  let t: TestApp;
  let f: FboOrg;
  let line: TestUser;
  let otherLine: TestUser;
  let flight: { id: string };
  let spot: { id: string };
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp();
    f = await createFboOrg(t);
    await withAirports(f);
    [line, otherLine] = [await f.org.addUser('member'), await f.org.addUser('member')];
    spot = await f.ok(f.org.at('officer'), 'POST', '/parking-locations', {
      body: { airport: 'KMSO', locationCode: 'L-1' },
    });
    flight = await f.ok(f.dispatcher, 'POST', '/flights', {
      body: { callSign: 'LINE1', arrivalAt: hours(1), departureAt: hours(3), parkingLocationId: spot.id },
    });
  });
  afterAll(() => t.close());

  const tug = () =>
    f.ok(f.org.at('officer'), 'POST', '/equipment', {
      body: { equipmentId: `LS-TUG-${++n}`, name: 'Tug', type: 'tug' },
    });
  const schedule = (body: Record<string, unknown> = {}) =>
    f.ok(f.dispatcher, 'POST', '/line-services', {
      body: {
        flightId: flight.id,
        serviceType: 'turnaround',
        scheduledAt: hours(1),
        personnelUserIds: [line.id],
        ...body,
      },
    });
  const act = (who: TestUser | null, id: string, action: string) =>
    f.call(who, 'POST', `/line-services/${id}/${action}`);
  const unitStatus = async (id: string) => (await f.ok(f.org.owner, 'GET', `/equipment/${id}`)).status;

  it('dispatcher schedules (spot from the flight); assigned line staff start and complete; the unit is held meanwhile', async () => {
    const unit = await tug();
    const s = await schedule({ equipmentId: unit.id });
    expect(s).toMatchObject({
      status: 'scheduled',
      parkingLocationId: spot.id,
      equipmentId: unit.id,
      actualStart: null,
    });
    const started = await act(line, s.id, 'start');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', actualStart: expect.any(String) });
    expect(await unitStatus(unit.id)).toBe('in_use');
    const done = (await act(line, s.id, 'complete')).body;
    expect(done).toMatchObject({ status: 'completed', actualEnd: expect.any(String) });
    expect(await unitStatus(unit.id)).toBe('available');
    expect(await eventsOf(t, f.org.id, 'fbo.line_service.started', s.id)).toHaveLength(1);
    expect(await eventsOf(t, f.org.id, 'fbo.line_service.completed', s.id)).toHaveLength(1);
    expect((await act(line, s.id, 'cancel')).status).toBe(403);
    expect((await act(f.dispatcher, s.id, 'cancel')).body).toMatchObject({
      slug: 'invalid-transition',
      currentState: 'completed',
    });
  });

  it('completing needs a start; other members may not work it; cancelling a started one frees its unit', async () => {
    const unit = await tug();
    const s = await schedule({ equipmentId: unit.id });
    expect((await act(line, s.id, 'complete')).body).toMatchObject({
      slug: 'invalid-transition',
      currentState: 'scheduled',
    });
    expect((await act(otherLine, s.id, 'start')).status).toBe(403);
    expect((await act(f.org.at('officer'), s.id, 'start')).body.status).toBe('in_progress');
    expect((await act(line, s.id, 'start')).body).toMatchObject({
      slug: 'invalid-transition',
      currentState: 'in_progress',
    });
    expect(
      (await f.call(f.dispatcher, 'PATCH', `/line-services/${s.id}`, { body: { notes: 'x' } })).body,
    ).toMatchObject({
      slug: 'fbo-line-service-started',
      currentState: 'in_progress',
    });
    expect((await act(f.dispatcher, s.id, 'cancel')).body.status).toBe('cancelled');
    expect(await unitStatus(unit.id)).toBe('available');
  });

  it('a unit busy elsewhere, in maintenance or out of service cannot start a service (409)', async () => {
    const unit = await tug();
    const [a, b] = [await schedule({ equipmentId: unit.id }), await schedule({ equipmentId: unit.id })];
    await act(line, a.id, 'start');
    expect((await act(line, b.id, 'start')).body).toMatchObject({ slug: 'equipment-in-use', currentState: 'in_use' });
    expect((await f.ok(f.org.owner, 'GET', `/line-services/${b.id}`)).status).toBe('scheduled');
    await act(line, a.id, 'complete');
    await f.ok(f.org.at('officer'), 'POST', `/equipment/${unit.id}/status`, { body: { to: 'out_of_service' } });
    expect((await act(line, b.id, 'start')).body).toMatchObject({
      slug: 'equipment-unavailable',
      currentState: 'out_of_service',
    });
  });

  it('two services racing for one unit: exactly one starts, the other is 409 equipment-in-use', async () => {
    for (let round = 0; round < 5; round++) {
      const unit = await tug();
      const [a, b] = [await schedule({ equipmentId: unit.id }), await schedule({ equipmentId: unit.id })];
      const results = await Promise.all([act(line, a.id, 'start'), act(line, b.id, 'start')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.slug).toBe('equipment-in-use');
      const statuses = await Promise.all(
        [a, b].map(async (s) => (await f.ok(f.org.owner, 'GET', `/line-services/${s.id}`)).status),
      );
      expect(statuses.sort()).toEqual(['in_progress', 'scheduled']);
    }
  });

  it('refuses bad input with field paths; another org gets 404', async () => {
    const other = await createFboOrg(t);
    await withAirports(other);
    const foreignUnit = await other.ok(other.org.owner, 'POST', '/equipment', {
      body: { equipmentId: 'X-1', name: 'x', type: 'gpu' },
    });
    const stranger = other.org.owner;
    for (const [body, status, path] of [
      [{ serviceType: 'wash' }, 400, 'serviceType'],
      [{ scheduledAt: 'soon' }, 400, 'scheduledAt'],
      [{ personnelUserIds: [stranger.id] }, 400, 'personnelUserIds.0'],
      [{ personnelUserIds: ['nope'] }, 400, 'personnelUserIds'],
      [{ equipmentId: foreignUnit.id }, 404],
    ] as const) {
      const res = await f.call(f.dispatcher, 'POST', '/line-services', {
        body: { flightId: flight.id, serviceType: 'turnaround', scheduledAt: hours(1), ...body },
      });
      expect({ body, status: res.status }).toEqual({ body, status });
      if (path) expect(errorPaths(res)).toContain(path);
    }
    const s = await schedule();
    await other.expectNotFound(other.org.owner, [
      ['GET', `/line-services/${s.id}`],
      ['PATCH', `/line-services/${s.id}`, {}],
      ['POST', `/line-services/${s.id}/start`],
      ['POST', `/line-services/${s.id}/cancel`],
    ]);
    await f.forbidden('GET', '/line-services', 'readonly', ['fbo:read'], { allowed: true });
    await f.forbidden('POST', '/line-services', 'officer', ['fbo:write'], {
      body: { flightId: flight.id, serviceType: 'turnaround', scheduledAt: hours(1) },
    });
    await f.forbidden('POST', `/line-services/${s.id}/start`, 'member', ['fbo:write']);
  });

  it('lists by day in the org zone, status, type and location', async () => {
    const g = await createFboOrg(t);
    await withAirports(g, ['KMSO'], 'America/Denver');
    const fl = await g.ok(g.org.owner, 'POST', '/flights', { body: { arrivalAt: '2030-07-04T18:00:00Z' } });
    const add = (body: Record<string, unknown>) =>
      g.ok(g.org.owner, 'POST', '/line-services', {
        body: { flightId: fl.id, serviceType: 'arrival_service', ...body },
      });
    // 05:59Z on July 5th is still July 4th in Denver (UTC-6).
    const late = await add({ scheduledAt: '2030-07-05T05:59:00Z', serviceType: 'overnight' });
    const early = await add({ scheduledAt: '2030-07-04T06:00:00Z' });
    await add({ scheduledAt: '2030-07-05T06:00:00Z' });
    const ids = async (query: Record<string, unknown>) =>
      (await g.ok(g.org.at('readonly'), 'GET', '/line-services', { query })).items.map((s: { id: string }) => s.id);
    expect(await ids({ date: '2030-07-04' })).toEqual([early.id, late.id]);
    expect(await ids({ date: '2030-07-04', serviceType: 'overnight' })).toEqual([late.id]);
    expect(await ids({ status: 'completed' })).toEqual([]);
    expect(await ids({ flightId: fl.id, limit: 1 })).toEqual([early.id]);
    expect((await g.call(g.org.owner, 'GET', '/line-services', { query: { status: 'done' } })).status).toBe(400);
  });
});
