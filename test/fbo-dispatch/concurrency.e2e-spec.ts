import { FuelStockService } from '../../src/contexts/fbo/fuel/stock/fuel-stock.service';
import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';
import {
  act,
  createDispatchOrg,
  createLineFueler,
  createOrder,
  createTruck,
  DispatchOrg,
  LineFueler,
  orderUpTo,
  truckStock,
} from './dispatch-kit';

describe('fbo fuel orders: busy trucks and fuelers, edits and acknowledgements (e2e)', () => {
  let t: TestApp;
  let d: DispatchOrg;
  let fueler: LineFueler;
  beforeAll(async () => {
    ({ t, g: d } = await startAppWith(createDispatchOrg));
    fueler = await createLineFueler(d);
  });
  afterAll(async () => {
    expect(await t.app.get(FuelStockService).findMismatches(d.org.id)).toEqual([]);
    await t.close();
  });

  const get = (id: string) => d.call(d.org.at('readonly'), 'GET', `/fuel-orders/${id}`);
  const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    d.call(d.dispatcher, 'PATCH', `/fuel-orders/${id}`, { body, headers });

  describe('one order out per truck and per fueler', () => {
    it('two orders racing for one truck: one goes en route, the other is 409 truck-busy', async () => {
      const truck = await createTruck(d, '500');
      const other = await createLineFueler(d);
      const a = await orderUpTo(d, fueler, truck, 'acknowledged');
      const b = await orderUpTo(d, other, truck, 'acknowledged');
      const results = await Promise.all([act(d, fueler.user, a.id, 'en-route'), act(d, other.user, b.id, 'en-route')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const refused = results.find((r) => r.status === 409)!;
      expect(refused.body).toMatchObject({ slug: 'truck-busy', field: 'truckId', value: truck });
      const loser = results[0].status === 409 ? a : b;
      expect((await get(loser.id)).body).toMatchObject({ status: 'acknowledged', fuelers: [{ busy: false }] });
      // Once the winner is done the truck is free again.
      const winner = loser === a ? { order: b, who: other } : { order: a, who: fueler };
      await act(d, d.dispatcher, winner.order.id, 'cancel');
      expect((await act(d, loser === a ? fueler.user : other.user, loser.id, 'en-route')).status).toBe(200);
      await act(d, d.dispatcher, loser.id, 'cancel');
    });

    it('a fueler is out on one order at a time (409 fueler-busy), and an assignment to a second order out is refused', async () => {
      const [t1, t2, t3] = [await createTruck(d, '0'), await createTruck(d, '0'), await createTruck(d, '0')];
      const a = await orderUpTo(d, fueler, t1, 'acknowledged');
      const b = await orderUpTo(d, fueler, t2, 'acknowledged');
      const results = await Promise.all([act(d, fueler.user, a.id, 'en-route'), act(d, fueler.user, b.id, 'en-route')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body).toMatchObject({ slug: 'fueler-busy', value: fueler.id });
      const out = results[0].status === 200 ? a : b;
      // A third order already out with another fueler cannot take this one on.
      const other = await createLineFueler(d);
      const c = await orderUpTo(d, other, t3, 'en_route');
      const refused = await act(d, d.dispatcher, c.id, 'assign', { fuelerId: fueler.id });
      expect(refused.body).toMatchObject({ status: 409, slug: 'fueler-busy' });
      expect((await get(c.id)).body.fuelers).toHaveLength(1);
      for (const id of [a.id, b.id, c.id]) await act(d, d.dispatcher, id, 'cancel');
      expect((await get(out.id)).body.status).toBe('cancelled');
    });

    it('50 completions never overdraw a truck: each truck fills what it holds, the rest are 409 insufficient-fuel', async () => {
      const trucks = 5;
      const perTruck = 10;
      // 750 gallons per truck, 100 per order: 7 complete, 3 are refused, per truck.
      const crews = await Promise.all(
        Array.from({ length: trucks }, async () => ({
          truck: await createTruck(d, '750'),
          fueler: await createLineFueler(d),
        })),
      );
      const outcomes = await Promise.all(
        crews.map(async ({ truck, fueler: crew }) => {
          const statuses: number[] = [];
          for (let i = 0; i < perTruck; i++) {
            const order = await orderUpTo(d, crew, truck, 'fueling', { requestedGallons: '100' });
            const done = await act(d, crew.user, order.id, 'complete', { meterStart: '1000', meterEnd: '1100' });
            statuses.push(done.status);
            if (done.status === 409) {
              expect(done.body.slug).toBe('insufficient-fuel');
              // The refused order stays fueling; it is completed with what was really pumped (none).
              expect((await get(order.id)).body.status).toBe('fueling');
              await act(d, crew.user, order.id, 'complete', { meterStart: '1000', meterEnd: '1000' });
            }
          }
          return { truck, statuses };
        }),
      );
      for (const { truck, statuses } of outcomes) {
        expect(statuses.filter((s) => s === 200)).toHaveLength(7);
        expect(statuses.filter((s) => s === 409)).toHaveLength(3);
        expect(await truckStock(d, truck)).toBe('50.00');
      }
      expect(await t.app.get(FuelStockService).findMismatches(d.org.id)).toEqual([]);
    });
  });

  it('a completion sent five times at once completes once and dispenses once', async () => {
    const truck = await createTruck(d, '300');
    const order = await orderUpTo(d, fueler, truck, 'fueling');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        act(d, fueler.user, order.id, 'complete', { meterStart: '500', meterEnd: '700' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ slug: 'invalid-transition', currentState: 'completed' });
    expect(await truckStock(d, truck)).toBe('100.00');
    const moves = await t.db.query(
      "SELECT gallons FROM fbo_fuel_movements WHERE org_id = $1 AND kind = 'dispense' AND from_holder_id = $2",
      [d.org.id, truck],
    );
    expect(moves).toEqual([{ gallons: '200.00' }]);
  });

  describe('If-Match and acknowledgements', () => {
    it('an edit needs the current ETag: missing 428, stale 412; a good one bumps the ETag', async () => {
      const order = await createOrder(d);
      const read = await get(order.id);
      expect(read.headers.get('etag')).toBe('"1"');
      expect((await patch(order.id, { priority: 'high' })).body).toMatchObject({
        status: 428,
        slug: 'precondition-required',
      });
      expect((await patch(order.id, { priority: 'high' }, { 'if-match': '"7"' })).body).toMatchObject({
        status: 412,
        slug: 'precondition-failed',
        currentRevision: 1,
      });
      const edited = await patch(order.id, { priority: 'high', csrNotes: 'Call on arrival' }, { 'if-match': '"1"' });
      expect(edited.status).toBe(200);
      expect(edited.headers.get('etag')).toBe('"2"');
      // Before acknowledgement an edit is not a new version.
      expect(edited.body).toMatchObject({
        priority: 'high',
        csrNotes: 'Call on arrival',
        changeVersion: 0,
        revision: 2,
      });
      expect((await patch(order.id, { priority: 'low' }, { 'if-match': '"1"' })).status).toBe(412);
      const bad = await patch(order.id, { requestedGallons: '5', topOff: true }, { 'if-match': '"2"' });
      expect(bad.status).toBe(400);
      expect((await get(order.id)).body).toMatchObject({ revision: 2, requestedGallons: '100.00' });
      const topped = await patch(order.id, { topOff: true }, { 'if-match': '"2"' });
      expect(topped.body).toMatchObject({ topOff: true, requestedGallons: null });
    });

    it('an edit after acknowledgement needs a new acknowledgement before fueling', async () => {
      const truck = await createTruck(d, '500');
      const order = await orderUpTo(d, fueler, truck, 'en_route');
      const etag = `"${order.revision}"`;
      const edited = await patch(order.id, { requestedGallons: '150' }, { 'if-match': etag });
      expect(edited.body).toMatchObject({ status: 'en_route', changeVersion: 1, acknowledgedVersion: 0 });
      const refused = await act(d, fueler.user, order.id, 'fueling', {});
      expect(refused.body).toMatchObject({
        status: 409,
        slug: 'unacknowledged-change',
        changeVersion: 1,
        acknowledgedVersion: 0,
      });
      // While out, the truck and the fuel type stay.
      const other = await createTruck(d, '0');
      const moved = await patch(order.id, { truckId: other }, { 'if-match': `"${edited.body.revision}"` });
      expect(moved.status).toBe(400);
      const reack = await act(d, fueler.user, order.id, 'acknowledge');
      expect(reack.body).toMatchObject({ status: 'en_route', acknowledgedVersion: 1 });
      expect((await act(d, fueler.user, order.id, 'acknowledge')).body).toMatchObject({
        slug: 'invalid-transition',
        currentState: 'en_route',
      });
      expect((await act(d, fueler.user, order.id, 'fueling', {})).body.status).toBe('fueling');
      // Fuel flows: no more edits or assignments.
      const closed = await patch(order.id, { priority: 'low' }, { 'if-match': `"${reack.body.revision + 1}"` });
      expect(closed.body).toMatchObject({ status: 409, slug: 'fuel-order-closed', currentState: 'fueling' });
      const late = await act(d, d.dispatcher, order.id, 'unassign', { fuelerId: fueler.id });
      expect(late.body).toMatchObject({ status: 409, slug: 'fuel-order-closed' });
      await act(d, fueler.user, order.id, 'complete', { meterStart: '0', meterEnd: '150' });
    });

    it('edit versus acknowledge on the same ETag: exactly one wins, the other is 412', async () => {
      const truck = await createTruck(d, '0');
      for (let round = 0; round < 3; round++) {
        const order = await orderUpTo(d, fueler, truck, 'dispatched');
        const etag = `"${order.revision}"`;
        const [edit, ack] = await Promise.all([
          patch(order.id, { csrNotes: `Round ${round}` }, { 'if-match': etag }),
          act(d, fueler.user, order.id, 'acknowledge', undefined, { 'if-match': etag }),
        ]);
        expect([edit.status, ack.status].sort()).toEqual([200, 412]);
        const now = (await get(order.id)).body;
        if (ack.status === 200)
          expect(now).toMatchObject({ status: 'acknowledged', changeVersion: 0, acknowledgedVersion: 0 });
        else expect(now).toMatchObject({ status: 'dispatched', csrNotes: `Round ${round}`, acknowledgedVersion: null });
        expect(now.revision).toBe(order.revision + 1);
        await act(d, d.dispatcher, order.id, 'cancel');
      }
    });
  });
});
