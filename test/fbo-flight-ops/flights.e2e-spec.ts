import { localDate, localDayWindow } from '../../src/contexts/fbo/flight-ops/settings/time-zone';
import { expectEachInvalid } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { auditActions, createFboOrg, errorPaths, eventsOf, FboOrg, withAirports } from './fbo-kit';

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe('fbo aircraft and flights (e2e)', () => {
  let t: TestApp;
  let f: FboOrg;
  let spot: { id: string };
  beforeAll(async () => {
    t = await startTestApp();
    f = await createFboOrg(t);
    await withAirports(f);
    spot = await f.ok(f.org.at('officer'), 'POST', '/parking-locations', {
      body: { airport: 'KMSO', locationCode: 'R-1' },
    });
  });
  afterAll(() => t.close());

  const flight = (body: Record<string, unknown>) => f.ok(f.dispatcher, 'POST', '/flights', { body });
  const move = (id: string, to: string, who = f.dispatcher) =>
    f.call(who, 'POST', `/flights/${id}/transitions`, { body: { to } });

  describe('aircraft', () => {
    it('dispatcher adds an aircraft, tail upper-cased; a second with the same tail is 409 naming tailNumber', async () => {
      const a = await f.ok(f.dispatcher, 'POST', '/aircraft', {
        body: { tailNumber: 'n321fb', typeIcao: 'c56x', typeDisplay: 'Citation Excel', airlineIcao: 'skw' },
      });
      expect(a).toMatchObject({ tailNumber: 'N321FB', typeIcao: 'C56X', airlineIcao: 'SKW', operator: null });
      const dup = await f.call(f.org.at('officer'), 'POST', '/aircraft', { body: { tailNumber: 'N321FB' } });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ slug: 'fbo-tail-number-taken', field: 'tailNumber' });
      const patched = await f.ok(f.dispatcher, 'PATCH', `/aircraft/${a.id}`, { body: { operator: 'Big Sky Charter' } });
      expect(patched.operator).toBe('Big Sky Charter');
      const list = await f.ok(f.org.at('readonly'), 'GET', '/aircraft', { query: { search: '321' } });
      expect(list.items.map((x: { tailNumber: string }) => x.tailNumber)).toEqual(['N321FB']);
    });

    it('refuses bad input naming the field', async () => {
      await expectEachInvalid(
        [
          [{ tailNumber: 'N 1' }, 'tailNumber'],
          [{ tailNumber: 'N1X', typeIcao: 'TOOLONG' }, 'typeIcao'],
          [{ tailNumber: 'N1X', airlineIcao: 'S1' }, 'airlineIcao'],
          [{ tailNumber: 'N1X', wings: 2 }, 'wings'],
        ] as const,
        (body) => f.call(f.dispatcher, 'POST', '/aircraft', { body }),
      );
    });

    it('an aircraft with flights cannot be deleted (409); one without can', async () => {
      const used = await f.ok(f.dispatcher, 'POST', '/aircraft', { body: { tailNumber: 'N77DEL' } });
      await flight({ aircraftId: used.id, arrivalAt: hours(1) });
      const res = await f.call(f.dispatcher, 'DELETE', `/aircraft/${used.id}`);
      expect(res.status).toBe(409);
      expect(res.body.slug).toBe('fbo-aircraft-has-flights');
      const spare = await f.ok(f.dispatcher, 'POST', '/aircraft', { body: { tailNumber: 'N78DEL' } });
      expect((await f.call(f.dispatcher, 'DELETE', `/aircraft/${spare.id}`)).status).toBe(204);
      expect((await f.call(f.org.owner, 'GET', `/aircraft/${spare.id}`)).status).toBe(404);
    });

    it('refuses callers below the policies', async () => {
      await f.forbidden('GET', '/aircraft', 'readonly', ['fbo:read'], { allowed: true });
      await f.forbidden('POST', '/aircraft', 'officer', ['fbo:write'], { body: { tailNumber: 'N0NO' } });
    });
  });

  describe('flights', () => {
    it('books a flight with services, tags and a spot; ground time is computed; audited', async () => {
      const a = await f.ok(f.dispatcher, 'POST', '/aircraft', { body: { tailNumber: 'N500GT' } });
      const arrival = hours(2);
      const departure = new Date(Date.parse(arrival) + 95 * 60_000).toISOString();
      const res = await f.call(f.dispatcher, 'POST', '/flights', {
        body: {
          aircraftId: a.id,
          callSign: 'gt500',
          arrivalAt: arrival,
          departureAt: departure,
          origin: 'ksea',
          destination: 'KBZN',
          services: ['fuel', 'lav', 'fuel'],
          passengerCount: 4,
          parkingLocationId: spot.id,
          tags: ['vip'],
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        tailNumber: 'N500GT',
        callSign: 'GT500',
        origin: 'KSEA',
        services: ['fuel', 'lav'],
        parkingLocationCode: 'R-1',
        source: 'front_desk',
        tags: ['vip'],
        status: 'planned',
        groundTimeMinutes: 95,
      });
      expect(await auditActions(t, f.org.id, res.body.id)).toEqual(['createFboFlight']);
    });

    it('a retried booking with the same Idempotency-Key books once', async () => {
      const send = () =>
        f.call(f.dispatcher, 'POST', '/flights', {
          body: { callSign: 'IDEM1', arrivalAt: '2031-05-01T12:00:00Z' },
          headers: { 'idempotency-key': `idem-${f.org.slug}` },
        });
      const [first, again] = [await send(), await send()];
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.id).toBe(first.body.id);
      const found = await f.ok(f.org.owner, 'GET', '/flights', { query: { search: 'IDEM1' } });
      expect(found.items).toHaveLength(1);
    });

    it('refuses bad input with field paths, writes nothing', async () => {
      const other = await createFboOrg(t);
      await withAirports(other);
      const foreignSpot = await other.ok(other.org.owner, 'POST', '/parking-locations', {
        body: { airport: 'KMSO', locationCode: 'X-1' },
      });
      const before = (await f.ok(f.org.owner, 'GET', '/flights', { query: { limit: 200 } })).items.length;
      const cases: [Record<string, unknown>, number, string?][] = [
        [{ callSign: 'NOTIME' }, 400, 'arrivalAt'],
        [{ arrivalAt: hours(3), departureAt: hours(2) }, 400, 'departureAt'],
        [{ arrivalAt: hours(1), services: ['fuel', 'caviar'] }, 400, 'services'],
        [{ arrivalAt: hours(1), source: 'fax' }, 400, 'source'],
        [{ arrivalAt: hours(1), tags: ['unknown-tag'] }, 400, 'tags.0'],
        [{ arrivalAt: hours(1), passengerCount: -1 }, 400, 'passengerCount'],
        [{ arrivalAt: 'tomorrow' }, 400, 'arrivalAt'],
        [{ arrivalAt: hours(1), parkingLocationId: foreignSpot.id }, 404],
      ];
      for (const [body, status, path] of cases) {
        const res = await f.call(f.dispatcher, 'POST', '/flights', { body });
        expect({ body, status: res.status }).toEqual({ body, status });
        if (path) expect(errorPaths(res)).toContain(path);
      }
      expect((await f.ok(f.org.owner, 'GET', '/flights', { query: { limit: 200 } })).items.length).toBe(before);
    });

    it('walks the lifecycle, records arrived/delayed/departed events, refuses illegal moves with currentState', async () => {
      const fl = await flight({ callSign: 'LIFE1', arrivalAt: hours(1), departureAt: hours(3) });
      expect((await move(fl.id, 'arrived')).body).toMatchObject({
        slug: 'invalid-transition',
        currentState: 'planned',
      });
      expect((await move(fl.id, 'scheduled')).status).toBe(200);
      expect((await move(fl.id, 'delayed')).body.status).toBe('delayed');
      const bad = await move(fl.id, 'departed');
      expect(bad.status).toBe(409);
      expect(bad.body).toMatchObject({ slug: 'invalid-transition', currentState: 'delayed' });
      expect((await move(fl.id, 'scheduled')).status).toBe(200);
      // An arriving flight cannot depart before it arrived.
      expect((await move(fl.id, 'departed')).body).toMatchObject({
        slug: 'invalid-transition',
        currentState: 'scheduled',
      });
      const arrived = (await move(fl.id, 'arrived')).body;
      expect(arrived.status).toBe('arrived');
      expect(arrived.actualArrivalAt).toEqual(expect.any(String));
      expect((await move(fl.id, 'cancelled')).body).toMatchObject({ currentState: 'arrived' });
      const departed = (await move(fl.id, 'departed')).body;
      expect(departed).toMatchObject({ status: 'departed', groundTimeMinutes: 0 });
      expect((await move(fl.id, 'scheduled')).body).toMatchObject({ currentState: 'departed' });
      expect(
        (await f.call(f.dispatcher, 'PATCH', `/flights/${fl.id}`, { body: { callSign: 'LATE' } })).body,
      ).toMatchObject({
        slug: 'fbo-flight-closed',
        currentState: 'departed',
      });
      expect((await eventsOf(t, f.org.id, 'fbo.flight.delayed', fl.id)).map((e) => e.to)).toEqual(['delayed']);
      expect(await eventsOf(t, f.org.id, 'fbo.flight.arrived', fl.id)).toHaveLength(1);
      expect(await eventsOf(t, f.org.id, 'fbo.flight.departed', fl.id)).toHaveLength(1);
      expect(
        (await f.call(f.dispatcher, 'POST', `/flights/${fl.id}/transitions`, { body: { to: 'planned' } })).status,
      ).toBe(400);
    });

    it('a departing-only flight departs from scheduled; cancelling records an event', async () => {
      const out = await flight({ callSign: 'OUT1', departureAt: hours(2) });
      await move(out.id, 'scheduled');
      expect((await move(out.id, 'departed')).body.status).toBe('departed');
      const gone = await flight({ callSign: 'GONE1', arrivalAt: hours(2) });
      expect((await move(gone.id, 'cancelled')).body.status).toBe('cancelled');
      expect(await eventsOf(t, f.org.id, 'fbo.flight.cancelled', gone.id)).toHaveLength(1);
    });

    it('only dispatchers and officers write; members and readers read', async () => {
      const fl = await flight({ callSign: 'POL1', arrivalAt: hours(5) });
      await f.forbidden('GET', '/flights', 'readonly', ['fbo:read'], { allowed: true });
      await f.forbidden('POST', '/flights', 'officer', ['fbo:write'], { body: { arrivalAt: hours(1) } });
      await f.forbidden('POST', `/flights/${fl.id}/transitions`, 'officer', ['fbo:write'], {
        body: { to: 'scheduled' },
      });
      const other = await createFboOrg(t);
      await other.expectNotFound(other.org.owner, [
        ['GET', `/flights/${fl.id}`],
        ['PATCH', `/flights/${fl.id}`, { callSign: 'X1' }],
        ['POST', `/flights/${fl.id}/transitions`, { to: 'scheduled' }],
      ]);
      expect((await f.ok(f.org.owner, 'GET', `/flights/${fl.id}`)).status).toBe('planned');
    });

    it('filters by status, aircraft, location, tag, search and window, paging in time order', async () => {
      const g = await createFboOrg(t);
      await withAirports(g);
      const a = await g.ok(g.org.owner, 'POST', '/aircraft', { body: { tailNumber: 'N1FILT' } });
      const s = await g.ok(g.org.owner, 'POST', '/parking-locations', {
        body: { airport: 'KMSO', locationCode: 'F-1' },
      });
      const make = (body: Record<string, unknown>) => g.ok(g.org.owner, 'POST', '/flights', { body });
      const f1 = await make({
        callSign: 'AAA1',
        arrivalAt: '2030-01-01T10:00:00Z',
        aircraftId: a.id,
        destination: 'KDEN',
      });
      const f2 = await make({
        callSign: 'BBB2',
        departureAt: '2030-01-01T11:00:00Z',
        parkingLocationId: s.id,
        tags: ['vip'],
      });
      const f3 = await make({
        callSign: 'CCC3',
        arrivalAt: '2030-01-02T09:00:00Z',
        departureAt: '2030-01-03T09:00:00Z',
      });
      await g.ok(g.org.owner, 'POST', `/flights/${f3.id}/transitions`, { body: { to: 'scheduled' } });
      const ids = async (query: Record<string, unknown>) =>
        (await g.ok(g.org.at('readonly'), 'GET', '/flights', { query: { limit: 200, ...query } })).items.map(
          (x: { id: string }) => x.id,
        );
      expect(await ids({})).toEqual([f1.id, f2.id, f3.id]);
      expect(await ids({ status: 'scheduled' })).toEqual([f3.id]);
      expect(await ids({ aircraftId: a.id })).toEqual([f1.id]);
      expect(await ids({ locationId: s.id })).toEqual([f2.id]);
      expect(await ids({ tag: 'vip' })).toEqual([f2.id]);
      expect(await ids({ search: 'bb' })).toEqual([f2.id]);
      expect(await ids({ search: 'den' })).toEqual([f1.id]);
      expect(await ids({ search: '%' })).toEqual([]);
      // The window catches a departure inside it even when the arrival is before it.
      expect(await ids({ from: '2030-01-03T00:00:00Z', to: '2030-01-04T00:00:00Z' })).toEqual([f3.id]);
      const page1 = await g.ok(g.org.owner, 'GET', '/flights', { query: { limit: 2 } });
      const page2 = await g.ok(g.org.owner, 'GET', '/flights', { query: { limit: 2, cursor: page1.nextCursor } });
      expect([...page1.items, ...page2.items].map((x: { id: string }) => x.id)).toEqual([f1.id, f2.id, f3.id]);
      expect(page2.nextCursor).toBeNull();
      for (const query of [{ status: 'landed' }, { date: '2030-02-30' }, { today: 'yes' }, { aircraftId: 'x' }])
        expect((await g.call(g.org.owner, 'GET', '/flights', { query })).status).toBe(400);
    });

    it("'today' and 'date' are the local day in the org's zone, across midnight and a DST change", async () => {
      const g = await createFboOrg(t);
      await withAirports(g, ['KMSO'], 'America/Denver');
      const make = (body: Record<string, unknown>) => g.ok(g.org.owner, 'POST', '/flights', { body });
      // 2030-03-10 is the spring-forward day in Denver: local midnight is 07:00Z, the next 06:00Z.
      const { start, end } = localDayWindow('2030-03-10', 'America/Denver');
      const ms = (d: Date, m: number) => new Date(d.getTime() + m * 60_000).toISOString();
      await make({ callSign: 'PREV1', arrivalAt: ms(start, -1) });
      await make({ callSign: 'FIRST1', arrivalAt: ms(start, 0) });
      await make({ callSign: 'NIGHT1', arrivalAt: ms(start, -600), departureAt: ms(start, 60) });
      await make({ callSign: 'LAST1', departureAt: ms(end, -1) });
      await make({ callSign: 'NEXT1', arrivalAt: ms(end, 0) });
      const day = async (query: Record<string, unknown>) =>
        (await g.ok(g.org.owner, 'GET', '/flights', { query })).items.map((x: { callSign: string }) => x.callSign);
      expect(await day({ date: '2030-03-10' })).toEqual(['NIGHT1', 'FIRST1', 'LAST1']);
      expect(await day({ date: '2030-03-09' })).toEqual(['NIGHT1', 'PREV1']);
      expect(await day({ date: '2030-03-11' })).toEqual(['NEXT1']);
      // A day pages in board order too (the day's flights are gathered before the page is cut).
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await g.ok(g.org.owner, 'GET', '/flights', { query: { date: '2030-03-10', limit: 1, cursor } });
        paged.push(...page.items.map((x: { callSign: string }) => x.callSign));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(['NIGHT1', 'FIRST1', 'LAST1']);

      // Today: the flights from local midnight on, in whichever zone the settings name.
      for (const zone of ['America/Denver', 'Pacific/Kiritimati']) {
        await g.ok(g.org.owner, 'PATCH', '/settings', { body: { timeZone: zone } });
        const midnight = localDayWindow(localDate(new Date(), zone), zone).start;
        await make({ callSign: `Y${zone.length}`, arrivalAt: ms(midnight, -1) });
        await make({ callSign: `T${zone.length}`, arrivalAt: ms(midnight, 0) });
        const today = await day({ today: true, search: zone.length });
        expect({ zone, today }).toEqual({ zone, today: [`T${zone.length}`] });
      }
    });
  });
});
