import { FuelStockService } from '../../src/contexts/fbo/fuel/stock/fuel-stock.service';
import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import {
  act,
  createDispatchOrg,
  createLineFueler,
  createOrder,
  createTruck,
  DispatchOrg,
  errorPaths,
  LineFueler,
  orderBody,
  orderUpTo,
  truckStock,
} from './dispatch-kit';

describe('fbo fuel orders (e2e)', () => {
  let t: TestApp;
  let d: DispatchOrg;
  let fueler: LineFueler;
  beforeAll(async () => {
    ({ t, g: d } = await startAppWith(createDispatchOrg));
    fueler = await createLineFueler(d);
  });
  afterAll(async () => {
    // Whatever the tests did, every truck's stock equals its ledger.
    expect(await t.app.get(FuelStockService).findMismatches(d.org.id)).toEqual([]);
    await t.close();
  });

  const officer = () => d.org.at('officer');
  const orderCount = async () =>
    Number((await t.db.query('SELECT count(*) FROM fbo_fuel_orders WHERE org_id = $1', [d.org.id]))[0].count);

  it('the entities match the migration (no schema drift on the fuel order tables)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('fbo_fuel_order'))).toEqual([]);
  });

  describe('access', () => {
    it('readonly reads; dispatchers (or officers) book, assign, review and cancel; members move', async () => {
      const order = await createOrder(d);
      for (const path of ['/fuel-orders', '/fuel-orders/mine', `/fuel-orders/${order.id}`])
        await d.forbidden('GET', path, 'readonly', ['fbo:read'], { allowed: true });
      const before = await orderCount();
      await d.forbidden('POST', '/fuel-orders', 'officer', ['fbo:write'], { body: orderBody() });
      expect(await orderCount()).toBe(before);
      for (const action of ['assign', 'unassign'])
        await d.forbidden('POST', `/fuel-orders/${order.id}/${action}`, 'officer', ['fbo:write'], {
          body: { fuelerId: fueler.id },
        });
      for (const action of ['review', 'cancel'])
        await d.forbidden('POST', `/fuel-orders/${order.id}/${action}`, 'officer', ['fbo:write']);
      await d.forbidden('PATCH', `/fuel-orders/${order.id}`, 'officer', ['fbo:write'], { body: { priority: 'high' } });
      await d.forbidden('POST', `/fuel-orders/${order.id}/acknowledge`, 'member', ['fbo:write']);
      expect((await d.ok(officer(), 'GET', `/fuel-orders/${order.id}`)).status).toBe('requested');
    });

    it('another org: its ids are 404', async () => {
      const other = await createDispatchOrg(t);
      const theirs = await createOrder(other);
      await d.expectNotFound(officer(), [
        ['GET', `/fuel-orders/${theirs.id}`],
        ['POST', `/fuel-orders/${theirs.id}/cancel`],
        ['POST', `/fuel-orders/${theirs.id}/assign`, { fuelerId: fueler.id }],
      ]);
      const mine = await createOrder(d);
      // Another org's fueler, truck and flight are not this org's.
      const theirFueler = await createLineFueler(other);
      await d.fails(d.dispatcher, 404, 'POST', `/fuel-orders/${mine.id}/assign`, {
        body: { fuelerId: theirFueler.id },
      });
      const theirTruck = await createTruck(other, '0');
      await d.fails(d.dispatcher, 404, 'POST', '/fuel-orders', { body: orderBody({ truckId: theirTruck }) });
      expect((await other.ok(other.org.at('officer'), 'GET', `/fuel-orders/${theirs.id}`)).status).toBe('requested');
    });
  });

  describe('booking', () => {
    it('numbers tickets per org, upper-cases the tail, takes the aircraft from the flight', async () => {
      const aircraft = await d.ok(officer(), 'POST', '/aircraft', { body: { tailNumber: 'N55FB', typeIcao: 'C56X' } });
      const flight = await d.ok(d.dispatcher, 'POST', '/flights', {
        body: { callSign: 'FB55', aircraftId: aircraft.id, arrivalAt: new Date(Date.now() + 3_600_000).toISOString() },
      });
      const a = await createOrder(d, {
        flightId: flight.id,
        tailNumber: undefined,
        topOff: true,
        requestedGallons: undefined,
      });
      expect(a).toMatchObject({
        ticketNumber: expect.stringMatching(/^FT-\d{6}$/),
        flightId: flight.id,
        aircraftId: aircraft.id,
        tailNumber: 'N55FB',
        aircraftType: 'C56X',
        topOff: true,
        requestedGallons: null,
        status: 'requested',
        priority: 'normal',
        changeVersion: 0,
        acknowledgedVersion: null,
        revision: 1,
        fuelers: [],
      });
      const b = await createOrder(d);
      expect(b.tailNumber).toBe('N123AB');
      expect(b.requestedGallons).toBe('100.00');
      expect(Number(b.ticketNumber.slice(3))).toBe(Number(a.ticketNumber.slice(3)) + 1);
      const audits = await d.audits('createFboFuelOrder');
      expect(audits.filter((x) => x.target_id === b.id)).toEqual([{ target_id: b.id, actor_user_id: d.dispatcher.id }]);
    });

    it('is idempotent with an Idempotency-Key', async () => {
      const before = await orderCount();
      const headers = { 'idempotency-key': `fo-${Date.now()}` };
      const first = await d.call(d.dispatcher, 'POST', '/fuel-orders', { body: orderBody(), headers });
      const again = await d.call(d.dispatcher, 'POST', '/fuel-orders', { body: orderBody(), headers });
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.id).toBe(first.body.id);
      expect(await orderCount()).toBe(before + 1);
    });

    it('a taken ticket number is a 409 naming the field', async () => {
      await createOrder(d, { ticketNumber: 'WALK-1' });
      const problem = await d.fails(d.dispatcher, 409, 'POST', '/fuel-orders', {
        body: orderBody({ ticketNumber: 'WALK-1' }),
        problem: 'ticket-number-taken',
      });
      expect(problem.field).toBe('ticketNumber');
    });

    it('bad input is a 400 naming the field, and writes nothing', async () => {
      const before = await orderCount();
      const tug = await d.ok(officer(), 'POST', '/equipment', {
        body: { equipmentId: `TUG-${Date.now()}`, name: 'Tug', type: 'tug' },
      });
      await expectEachInvalid(
        [
          [{ fuelType: 'diesel' }, 'fuelType'],
          [{ requestedGallons: 100 }, 'requestedGallons'],
          [{ requestedGallons: '-5' }, 'requestedGallons'],
          [{ requestedGallons: '0' }, 'requestedGallons'],
          [{ requestedGallons: undefined }, 'requestedGallons'],
          [{ topOff: true }, 'topOff'],
          [{ tailNumber: undefined }, 'tailNumber'],
          [{ tailNumber: 'N 1' }, 'tailNumber'],
          [{ truckId: 'nope' }, 'truckId'],
          [{ truckId: tug.id }, 'truckId'],
          [{ priority: 'asap' }, 'priority'],
          [{ chargeFlags: ['weekend'] }, 'chargeFlags'],
          [{ ticketNumber: 'ft 1' }, 'ticketNumber'],
          [{ colour: 'red' }, 'colour'],
        ] as const,
        (extra) => d.call(d.dispatcher, 'POST', '/fuel-orders', { body: orderBody(extra as Record<string, unknown>) }),
      );
      expect(await orderCount()).toBe(before);
    });
  });

  describe('assignment', () => {
    it('dispatches on the first fueler; refuses uncertified and inactive fuelers', async () => {
      const order = await createOrder(d);
      const rookie = await createLineFueler(d, false);
      const refused = await act(d, d.dispatcher, order.id, 'assign', { fuelerId: rookie.id });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ slug: 'fueler-not-certified', fuelerId: rookie.id, fuelType: 'jet_a' });
      const retired = await createLineFueler(d);
      await d.ok(officer(), 'PATCH', `/fuelers/${retired.id}`, { body: { status: 'inactive' } });
      expect((await act(d, d.dispatcher, order.id, 'assign', { fuelerId: retired.id })).body.slug).toBe(
        'fueler-not-certified',
      );
      const assigned = await act(d, d.dispatcher, order.id, 'assign', { fuelerId: fueler.id });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'dispatched', dispatchedAt: expect.any(String) });
      expect(assigned.body.fuelers).toEqual([expect.objectContaining({ fuelerId: fueler.id, userId: fueler.user.id })]);
      const events = await d.events('fbo.fuel_order.dispatched');
      expect(events.filter((e) => e.subject_id === order.id)).toHaveLength(1);
      // Again: no second assignment, no second event.
      expect((await act(d, d.dispatcher, order.id, 'assign', { fuelerId: fueler.id })).body.fuelers).toHaveLength(1);
    });

    it('a course naming an aircraft type binds fuelers on that type', async () => {
      await d.ok(officer(), 'POST', '/training-courses', {
        body: {
          name: `G650 ${Date.now()}`,
          kind: 'initial',
          validityDays: 365,
          fuelTypes: ['jet_a'],
          aircraftType: 'GLF6',
        },
      });
      const jet = await d.ok(officer(), 'POST', '/aircraft', {
        body: { tailNumber: `N${Date.now() % 100000}G`, typeIcao: 'GLF6' },
      });
      const order = await createOrder(d, { aircraftId: jet.id });
      const res = await act(d, d.dispatcher, order.id, 'assign', { fuelerId: fueler.id });
      expect(res.body).toMatchObject({ slug: 'fueler-not-certified', aircraftType: 'GLF6' });
    });

    it('the last fueler off a dispatched order makes it requested again', async () => {
      const order = await createOrder(d);
      await act(d, d.dispatcher, order.id, 'assign', { fuelerId: fueler.id });
      const back = await act(d, d.dispatcher, order.id, 'unassign', { fuelerId: fueler.id });
      expect(back.body).toMatchObject({ status: 'requested', fuelers: [] });
      expect((await act(d, d.dispatcher, order.id, 'unassign', { fuelerId: fueler.id })).status).toBe(404);
    });
  });

  describe('the line', () => {
    it('the assigned fueler moves their own order to completion; the truck dispenses; pounds from the density', async () => {
      const truck = await createTruck(d, '1000');
      await d.ok(d.org.owner, 'PATCH', '/settings', { body: { fuelDensities: { jet_a: '6.75' } } });
      const other = await createLineFueler(d);
      const order = await orderUpTo(d, fueler, truck, 'dispatched');
      for (const who of [other.user, d.dispatcher, d.org.at('member')])
        expect((await act(d, who, order.id, 'acknowledge')).status).toBe(403);
      const acked = (await act(d, fueler.user, order.id, 'acknowledge')).body;
      expect(acked).toMatchObject({
        status: 'acknowledged',
        acknowledgedVersion: 0,
        acknowledgedAt: expect.any(String),
      });
      expect((await act(d, other.user, order.id, 'en-route')).status).toBe(403);
      expect((await act(d, fueler.user, order.id, 'en-route')).body).toMatchObject({ status: 'en_route' });
      expect((await act(d, fueler.user, order.id, 'fueling', { meterStart: '10000.5' })).body).toMatchObject({
        status: 'fueling',
        meterStart: '10000.50',
      });
      expect((await act(d, other.user, order.id, 'complete', { meterEnd: '10100' })).status).toBe(403);
      // Meters: end before start, or missing.
      const early = await act(d, fueler.user, order.id, 'complete', { meterEnd: '9999' });
      expect([early.status, errorPaths(early)]).toEqual([400, ['meterEnd']]);
      const done = await act(d, fueler.user, order.id, 'complete', {
        meterEnd: '10250.75',
        lineNotes: 'Left wing first',
        chargeFlags: ['after_hours'],
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'completed',
        gallons: '250.25',
        density: '6.750',
        pounds: '1689.19',
        chargeFlags: ['after_hours'],
        completedAt: expect.any(String),
      });
      expect(done.body.fuelers[0].busy).toBe(false);
      expect(await truckStock(d, truck)).toBe('749.75');
      const [event] = (await d.events('fbo.fuel_order.completed')).filter((e) => e.subject_id === order.id);
      expect(event.payload).toMatchObject({ gallons: '250.25', pounds: '1689.19', truckId: truck });
      expect((await act(d, fueler.user, order.id, 'review')).status).toBe(403);
      const reviewed = await act(d, d.dispatcher, order.id, 'review');
      expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewedAt: expect.any(String) });
      expect((await d.events('fbo.fuel_order.reviewed')).some((e) => e.subject_id === order.id)).toBe(true);
      const mine = await d.ok(fueler.user, 'GET', '/fuel-orders/mine');
      expect(mine.items.map((o: { id: string }) => o.id)).toContain(order.id);
      expect((await d.ok(other.user, 'GET', '/fuel-orders/mine')).items).toEqual([]);
    });

    it('an order without a truck cannot go en route; a completion without meters is a 400', async () => {
      const noTruck = await createOrder(d);
      await act(d, d.dispatcher, noTruck.id, 'assign', { fuelerId: fueler.id });
      await act(d, fueler.user, noTruck.id, 'acknowledge');
      const res = await act(d, fueler.user, noTruck.id, 'en-route');
      expect([res.status, errorPaths(res)]).toEqual([400, ['truckId']]);
      const truck = await createTruck(d, '100');
      const order = await orderUpTo(d, fueler, truck, 'fueling');
      const missing = await act(d, fueler.user, order.id, 'complete', {});
      expect([missing.status, errorPaths(missing)]).toEqual([400, ['meterEnd', 'meterStart']]);
      // More than the truck holds: 409, and the order stays fueling.
      const over = await act(d, fueler.user, order.id, 'complete', { meterStart: '0', meterEnd: '150' });
      expect(over.body).toMatchObject({ status: 409, slug: 'insufficient-fuel', available: '100.00' });
      expect((await d.ok(officer(), 'GET', `/fuel-orders/${order.id}`)).status).toBe('fueling');
      const ok = await act(d, fueler.user, order.id, 'complete', { meterStart: '0', meterEnd: '100' });
      expect(ok.body).toMatchObject({ status: 'completed', gallons: '100.00' });
      expect(await truckStock(d, truck)).toBe('0.00');
    });

    it('cancels before fuel flows (freeing truck and fueler), never after', async () => {
      const truck = await createTruck(d, '500');
      const out = await orderUpTo(d, fueler, truck, 'en_route');
      const cancelled = await act(d, d.dispatcher, out.id, 'cancel');
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
      expect(cancelled.body.fuelers[0].busy).toBe(false);
      expect((await d.events('fbo.fuel_order.cancelled')).some((e) => e.subject_id === out.id)).toBe(true);
      // Truck and fueler are free for the next order.
      const next = await orderUpTo(d, fueler, truck, 'fueling');
      const refused = await act(d, d.dispatcher, next.id, 'cancel');
      expect(refused.body).toMatchObject({ status: 409, slug: 'invalid-transition', currentState: 'fueling' });
      await act(d, fueler.user, next.id, 'complete', { meterEnd: '10', meterStart: '0' });
    });

    it('every illegal move is a 409 invalid-transition naming the current state', async () => {
      const truck = await createTruck(d, '1000');
      const moves: [string, string, 'fueler' | 'dispatcher', unknown?][] = [
        ['acknowledge', 'acknowledged', 'fueler'],
        ['en-route', 'en_route', 'fueler'],
        ['fueling', 'fueling', 'fueler', {}],
        ['complete', 'completed', 'fueler', { meterStart: '0', meterEnd: '1' }],
        ['review', 'reviewed', 'dispatcher'],
        ['cancel', 'cancelled', 'dispatcher'],
      ];
      const legal: Record<string, string[]> = {
        requested: ['cancelled'],
        dispatched: ['acknowledged', 'cancelled'],
        acknowledged: ['en_route', 'cancelled'],
        en_route: ['fueling', 'cancelled'],
        fueling: ['completed'],
        completed: ['reviewed'],
        reviewed: [],
        cancelled: [],
      };
      const at = async (state: string) => {
        if (state === 'requested') return createOrder(d, { truckId: truck });
        if (['dispatched', 'acknowledged', 'en_route', 'fueling'].includes(state))
          return orderUpTo(d, fueler, truck, state as 'fueling');
        if (state === 'cancelled') {
          const o = await createOrder(d);
          return (await act(d, d.dispatcher, o.id, 'cancel')).body;
        }
        const o = await orderUpTo(d, fueler, truck, 'fueling');
        const done = (await act(d, fueler.user, o.id, 'complete', { meterStart: '0', meterEnd: '1' })).body;
        return state === 'reviewed' ? (await act(d, d.dispatcher, o.id, 'review')).body : done;
      };
      for (const [state, allowed] of Object.entries(legal)) {
        const order = await at(state);
        expect(order.status).toBe(state);
        for (const [action, target, role, body] of moves) {
          if (allowed.includes(target)) continue;
          // An officer may make every move, so only the state refuses it.
          const res = await act(d, role === 'fueler' ? officer() : d.dispatcher, order.id, action, body);
          expect({
            state,
            action,
            status: res.status,
            slug: res.body.slug,
            currentState: res.body.currentState,
          }).toEqual({
            state,
            action,
            status: 409,
            slug: 'invalid-transition',
            currentState: state,
          });
        }
        // Leave no order out with the truck.
        if (state === 'en_route') await act(d, d.dispatcher, order.id, 'cancel');
        if (state === 'fueling') await act(d, fueler.user, order.id, 'complete', { meterStart: '0', meterEnd: '1' });
      }
    });
  });

  describe('lists', () => {
    it('filters by status, unassigned, fueler, flight, time; searches ticket and tail', async () => {
      const other = await createDispatchOrg(t);
      const f1 = await createLineFueler(other);
      const a = await createOrder(other, { tailNumber: 'N1LIST' });
      const b = await createOrder(other, { tailNumber: 'N2LIST', ticketNumber: 'LIST-B' });
      await act(other, other.dispatcher, b.id, 'assign', { fuelerId: f1.id });
      const ids = async (query: Record<string, unknown>) =>
        (await other.ok(other.org.at('readonly'), 'GET', '/fuel-orders', { query })).items.map(
          (o: { id: string }) => o.id,
        );
      expect(await ids({})).toEqual([b.id, a.id]);
      expect(await ids({ status: 'dispatched' })).toEqual([b.id]);
      expect(await ids({ unassigned: true })).toEqual([a.id]);
      expect(await ids({ unassigned: false })).toEqual([b.id]);
      expect(await ids({ fuelerId: f1.id })).toEqual([b.id]);
      expect(await ids({ search: 'n1li' })).toEqual([a.id]);
      expect(await ids({ search: 'list-b' })).toEqual([b.id]);
      expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      expect(await ids({ to: new Date(Date.now() + 60_000).toISOString() })).toEqual([b.id, a.id]);
      const page = await other.ok(other.org.at('readonly'), 'GET', '/fuel-orders', { query: { limit: 1 } });
      const rest = await other.ok(other.org.at('readonly'), 'GET', '/fuel-orders', {
        query: { limit: 1, cursor: page.nextCursor },
      });
      expect([...page.items, ...rest.items].map((o: { id: string }) => o.id)).toEqual([b.id, a.id]);
      for (const query of [{ status: 'pumping' }, { unassigned: 'maybe' }, { fuelerId: 'x' }, { from: 'yesterday' }]) {
        const res = await other.call(other.org.at('readonly'), 'GET', '/fuel-orders', { query });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
    });
  });
});
