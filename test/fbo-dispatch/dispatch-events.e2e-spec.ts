import { startAppWith } from '../support/app-with';
import { openEventStream, SseEvent } from '../support/dkp-bidding-fixtures';
import { http } from '../support/http';
import { TestApp } from '../support/test-app';
import { act, createDispatchOrg, createLineFueler, createOrder, createTruck, DispatchOrg } from './dispatch-kit';

/** The org's server-sent stream of fuel orders (GET fuel-orders/dispatch/events). */
describe('fbo dispatch events (e2e)', () => {
  let t: TestApp;
  let d: DispatchOrg;
  const streams: { close(): Promise<void> }[] = [];
  const path = (slug: string) => `/api/v1/orgs/${slug}/fbo/fuel-orders/dispatch/events`;
  const open = async (slug: string, token: string) => {
    const s = await openEventStream(`${t.baseUrl}${path(slug)}`, { authorization: `Bearer ${token}` });
    streams.push(s);
    return s;
  };
  beforeAll(async () => ({ t, g: d } = await startAppWith(createDispatchOrg)));
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    await t.close();
  });

  it('pushes each committed change of the org, with the order, in order', async () => {
    const stream = await open(d.org.slug, d.org.at('readonly').token);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/text\/event-stream/);
    const fueler = await createLineFueler(d);
    const truck = await createTruck(d, '500');
    const order = await createOrder(d, { truckId: truck });
    const of = (type: string) => (e: SseEvent) => e.event === type && e.data?.order?.id === order.id;
    await act(d, d.dispatcher, order.id, 'assign', { fuelerId: fueler.id });
    await act(d, fueler.user, order.id, 'acknowledge');
    await act(d, fueler.user, order.id, 'en-route');
    await act(d, fueler.user, order.id, 'fueling', { meterStart: '0' });
    await act(d, fueler.user, order.id, 'complete', { meterEnd: '75' });
    await act(d, d.dispatcher, order.id, 'review');
    expect((await stream.next(of('fbo.fuel_order.created'))).data.order).toMatchObject({ status: 'requested' });
    expect((await stream.next(of('fbo.fuel_order.dispatched'))).data.order.status).toBe('dispatched');
    expect((await stream.next(of('fbo.fuel_order.changed'))).data.order.status).toBe('acknowledged');
    expect((await stream.next(of('fbo.fuel_order.changed'))).data.order.status).toBe('en_route');
    expect((await stream.next(of('fbo.fuel_order.changed'))).data.order.status).toBe('fueling');
    const completed = await stream.next(of('fbo.fuel_order.completed'));
    expect(completed.data.order).toMatchObject({ status: 'completed', gallons: '75.00' });
    expect((await stream.next(of('fbo.fuel_order.reviewed'))).data.order.status).toBe('reviewed');
    // A refused move publishes nothing.
    await act(d, d.dispatcher, order.id, 'cancel');
    const marker = await createOrder(d);
    await stream.next((e) => e.data?.order?.id === marker.id);
    expect(stream.events.filter((e) => e.event === 'fbo.fuel_order.cancelled')).toEqual([]);
  });

  it('another org hears nothing of it; strangers get 404, the anonymous 401', async () => {
    const other = await createDispatchOrg(t);
    const theirs = await open(other.org.slug, other.org.at('readonly').token);
    const mine = await createOrder(d);
    const marker = await createOrder(other);
    await theirs.next((e) => e.data?.order?.id === marker.id);
    expect(theirs.events.some((e) => e.data?.order?.id === mine.id)).toBe(false);
    const stranger = await http(t, other.org.at('readonly'), 'GET', path(d.org.slug));
    expect(stranger.status).toBe(404);
    expect((await http(t, null, 'GET', path(d.org.slug))).status).toBe(401);
  });
});
