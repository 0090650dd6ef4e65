import { startAppWith } from '../support/app-with';
import { TestApp, TestUser } from '../support/test-app';
import {
  act,
  createDispatchOrg,
  createLineFueler,
  createTruck,
  DispatchOrg,
  LineFueler,
  orderUpTo,
} from './dispatch-kit';

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe('fbo fuel orders: the truck is equipment in use while out (e2e)', () => {
  let t: TestApp;
  let d: DispatchOrg;
  let fueler: LineFueler;
  let line: TestUser;
  let flight: { id: string };
  beforeAll(async () => {
    ({ t, g: d } = await startAppWith(createDispatchOrg));
    fueler = await createLineFueler(d);
    line = await d.org.addUser('member');
    await d.ok(d.org.owner, 'PATCH', '/settings', { body: { airports: ['KMSO'] } });
    flight = await d.ok(d.dispatcher, 'POST', '/flights', {
      body: { callSign: 'TRUCK1', arrivalAt: hours(1), departureAt: hours(3) },
    });
  });
  afterAll(() => t.close());

  const truckStatus = async (id: string) => (await d.ok(d.org.at('readonly'), 'GET', `/equipment/${id}`)).status;
  const truckMoves = async (id: string) =>
    (await d.events('fbo.equipment.status_changed'))
      .filter((e) => e.subject_id === id)
      .map((e) => `${e.payload.from}>${e.payload.to}`);
  const lineService = (truckId: string) =>
    d.ok(d.dispatcher, 'POST', '/line-services', {
      body: {
        flightId: flight.id,
        serviceType: 'turnaround',
        scheduledAt: hours(1),
        personnelUserIds: [line.id],
        equipmentId: truckId,
      },
    });
  const lineAct = (id: string, action: string) => d.call(line, 'POST', `/line-services/${id}/${action}`);

  it('en route puts the truck in use (with its status event); completing frees it', async () => {
    const truck = await createTruck(d, '500');
    const order = await orderUpTo(d, fueler, truck, 'acknowledged');
    expect(await truckStatus(truck)).toBe('available');
    await act(d, fueler.user, order.id, 'en-route');
    expect(await truckStatus(truck)).toBe('in_use');
    await act(d, fueler.user, order.id, 'fueling', {});
    expect(await truckStatus(truck)).toBe('in_use');
    const done = await act(d, fueler.user, order.id, 'complete', { meterStart: '0', meterEnd: '50' });
    expect(done.body.status).toBe('completed');
    expect(await truckStatus(truck)).toBe('available');
    expect(await truckMoves(truck)).toEqual(['available>in_use', 'in_use>available']);
  });

  it('cancelling an order out frees the truck; cancelling one not yet out leaves the truck alone', async () => {
    const truck = await createTruck(d, '0');
    const out = await orderUpTo(d, fueler, truck, 'en_route');
    expect(await truckStatus(truck)).toBe('in_use');
    await act(d, d.dispatcher, out.id, 'cancel');
    expect(await truckStatus(truck)).toBe('available');
    // An order that never went out: its cancellation does not free a truck another job holds.
    const waiting = await orderUpTo(d, fueler, truck, 'acknowledged');
    const service = await lineService(truck);
    expect((await lineAct(service.id, 'start')).status).toBe(200);
    expect((await act(d, d.dispatcher, waiting.id, 'cancel')).body.status).toBe('cancelled');
    expect(await truckStatus(truck)).toBe('in_use');
    await lineAct(service.id, 'complete');
    expect(await truckMoves(truck)).toEqual([
      'available>in_use',
      'in_use>available',
      'available>in_use',
      'in_use>available',
    ]);
  });

  it('a truck a line service holds cannot go out on a fuel order (409 equipment-in-use), and is free after', async () => {
    const truck = await createTruck(d, '0');
    const service = await lineService(truck);
    expect((await lineAct(service.id, 'start')).status).toBe(200);
    const order = await orderUpTo(d, fueler, truck, 'acknowledged');
    const refused = await act(d, fueler.user, order.id, 'en-route');
    expect(refused.body).toMatchObject({ status: 409, slug: 'equipment-in-use', currentState: 'in_use' });
    expect((await d.ok(d.dispatcher, 'GET', `/fuel-orders/${order.id}`)).status).toBe('acknowledged');
    await lineAct(service.id, 'complete');
    expect((await act(d, fueler.user, order.id, 'en-route')).body.status).toBe('en_route');
    await act(d, d.dispatcher, order.id, 'cancel');
  });

  it('a truck out on a fuel order cannot start a line service (409 equipment-in-use) until the order is done', async () => {
    const truck = await createTruck(d, '0');
    const order = await orderUpTo(d, fueler, truck, 'en_route');
    const service = await lineService(truck);
    const refused = await lineAct(service.id, 'start');
    expect(refused.body).toMatchObject({ status: 409, slug: 'equipment-in-use', currentState: 'in_use' });
    expect((await d.ok(d.dispatcher, 'GET', `/line-services/${service.id}`)).status).toBe('scheduled');
    await act(d, d.dispatcher, order.id, 'cancel');
    expect((await lineAct(service.id, 'start')).body.status).toBe('in_progress');
    await lineAct(service.id, 'complete');
  });

  it('a truck a job holds is freed by that job only: by hand is 409 equipment-in-use, naming the job', async () => {
    const officer = d.org.at('officer');
    const truck = await createTruck(d, '0');
    const order = await orderUpTo(d, fueler, truck, 'en_route');
    const byHand = await d.call(officer, 'POST', `/equipment/${truck}/status`, { body: { to: 'available' } });
    expect(byHand.body).toMatchObject({ status: 409, slug: 'equipment-in-use', currentState: 'in_use' });
    expect(byHand.body.detail).toContain(`fuel order ${order.id}`);
    expect(await truckStatus(truck)).toBe('in_use');
    // A line service's unit likewise.
    await act(d, d.dispatcher, order.id, 'cancel');
    const service = await lineService(truck);
    expect((await lineAct(service.id, 'start')).status).toBe(200);
    const again = await d.call(officer, 'POST', `/equipment/${truck}/status`, { body: { to: 'available' } });
    expect(again.body).toMatchObject({ status: 409, slug: 'equipment-in-use' });
    expect(again.body.detail).toContain(`line service ${service.id}`);
    await lineAct(service.id, 'complete');
    // A unit set in use by hand is freed by hand.
    await d.ok(officer, 'POST', `/equipment/${truck}/status`, { body: { to: 'in_use' } });
    expect((await d.ok(officer, 'POST', `/equipment/${truck}/status`, { body: { to: 'available' } })).status).toBe(
      'available',
    );
  });

  it('an order whose truck went to maintenance and on to a line service does not free it when cancelled', async () => {
    const officer = d.org.at('officer');
    const truck = await createTruck(d, '0');
    const order = await orderUpTo(d, fueler, truck, 'en_route');
    // It breaks down on the way: maintenance takes it whoever holds it, and frees it when done.
    await d.ok(officer, 'POST', `/equipment/${truck}/status`, { body: { to: 'maintenance' } });
    await d.ok(officer, 'POST', `/equipment/${truck}/status`, { body: { to: 'available' } });
    const service = await lineService(truck);
    expect((await lineAct(service.id, 'start')).status).toBe(200);
    // The order's late cancellation must not free the unit the line service now has.
    expect((await act(d, d.dispatcher, order.id, 'cancel')).body.status).toBe('cancelled');
    expect(await truckStatus(truck)).toBe('in_use');
    await lineAct(service.id, 'complete');
    expect(await truckStatus(truck)).toBe('available');
  });

  it('a truck in maintenance or out of service cannot go out (409 equipment-unavailable)', async () => {
    const truck = await createTruck(d, '0');
    const order = await orderUpTo(d, fueler, truck, 'acknowledged');
    const officer = d.org.at('officer');
    for (const to of ['maintenance', 'out_of_service']) {
      await d.ok(officer, 'POST', `/equipment/${truck}/status`, { body: { to } });
      const refused = await act(d, fueler.user, order.id, 'en-route');
      expect(refused.body).toMatchObject({ status: 409, slug: 'equipment-unavailable', currentState: to });
    }
    await act(d, d.dispatcher, order.id, 'cancel');
  });

  it('two orders racing for one truck: exactly one goes out (the other 409 truck-busy); the truck is in use once', async () => {
    const truck = await createTruck(d, '0');
    const other = await createLineFueler(d);
    const a = await orderUpTo(d, fueler, truck, 'acknowledged');
    const b = await orderUpTo(d, other, truck, 'acknowledged');
    const results = await Promise.all([act(d, fueler.user, a.id, 'en-route'), act(d, other.user, b.id, 'en-route')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ slug: 'truck-busy', value: truck });
    expect(await truckStatus(truck)).toBe('in_use');
    expect(await truckMoves(truck)).toEqual(['available>in_use']);
    const winner = results[0].status === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect((await d.ok(d.dispatcher, 'GET', `/fuel-orders/${loser.id}`)).status).toBe('acknowledged');
    await act(d, d.dispatcher, winner.id, 'cancel');
    await act(d, d.dispatcher, loser.id, 'cancel');
    expect(await truckStatus(truck)).toBe('available');
  });
});
