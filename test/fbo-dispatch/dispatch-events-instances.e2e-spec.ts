import { connect } from 'node:net';
import { openEventStream, SseEvent } from '../support/dkp-bidding-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { act, createDispatchOrg, createLineFueler, createOrder, createTruck, DispatchOrg } from './dispatch-kit';

const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

/** Whether something listens at the Redis address (the test is skipped, with a warning, when not). */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

type Stream = Awaited<ReturnType<typeof openEventStream>>;

const twoApps = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * The dispatch stream (GET fuel-orders/dispatch/events) behind a load balancer: two instances share
 * the live events through Redis, so a client of either hears every change made through the other.
 */
twoApps(
  process.env.DATABASE_URL
    ? 'fbo dispatch events across two instances with Redis (e2e)'
    : 'fbo dispatch events across instances (skipped: needs DATABASE_URL, two apps cannot share the embedded database)',
  () => {
    let available = false;
    let appA: TestApp;
    let appB: TestApp;
    let d: DispatchOrg;
    const streams: Stream[] = [];
    const open = async (app: TestApp, slug: string, token: string) => {
      const s = await openEventStream(`${app.baseUrl}/api/v1/orgs/${slug}/fbo/fuel-orders/dispatch/events`, {
        authorization: `Bearer ${token}`,
      });
      streams.push(s);
      expect(s.status).toBe(200);
      return s;
    };
    /**
     * Books marker orders through `via` until `stream` hears one: the stream's subscription is live
     * from then on (no fixed wait).
     */
    const untilLive = async (via: DispatchOrg, stream: Stream) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const marker = await createOrder(via);
        const heard = await stream
          .next((e) => e.data?.order?.id === marker.id, 1000)
          .then(
            () => true,
            () => false,
          );
        if (heard) return;
      }
      throw new Error('the stream never heard a marker order');
    };

    beforeAll(async () => {
      available = await reachable(redisUrl.hostname, Number(redisUrl.port || 6379));
      if (!available) {
        console.warn(`dispatch-events-instances: skipped, no Redis at ${redisUrl.host} (set TEST_REDIS_URL).`);
        return;
      }
      appA = await startTestApp({ REDIS_URL: redisUrl.toString() });
      appB = await startTestApp({ REDIS_URL: redisUrl.toString() });
      d = await createDispatchOrg(appA);
    });
    afterAll(async () => {
      await Promise.all(streams.map((s) => s.close()));
      await appA?.close();
      await appB?.close();
    });

    it('a client of instance B hears each change made through instance A, once and in order', async () => {
      if (!available) return;
      const onB = await open(appB, d.org.slug, d.org.at('readonly').token);
      await untilLive(d, onB);
      const fueler = await createLineFueler(d);
      const truck = await createTruck(d, '300');
      const order = await createOrder(d, { truckId: truck });
      await act(d, d.dispatcher, order.id, 'assign', { fuelerId: fueler.id });
      await act(d, fueler.user, order.id, 'acknowledge');
      await act(d, fueler.user, order.id, 'en-route');
      await act(d, d.dispatcher, order.id, 'cancel');
      const mine = (e: SseEvent) => e.data?.order?.id === order.id;
      const heard = [];
      for (let i = 0; i < 5; i++) heard.push(await onB.next(mine));
      expect(heard.map((e) => [e.event, e.data.order.status])).toEqual([
        ['fbo.fuel_order.created', 'requested'],
        ['fbo.fuel_order.dispatched', 'dispatched'],
        ['fbo.fuel_order.changed', 'acknowledged'],
        ['fbo.fuel_order.changed', 'en_route'],
        ['fbo.fuel_order.cancelled', 'cancelled'],
      ]);
      // Once each: a marker after them, and nothing more of the order in between.
      const marker = await createOrder(d);
      await onB.next((e) => e.data?.order?.id === marker.id);
      expect(onB.events.filter(mine)).toHaveLength(5);
    });

    it('the other way round (B to A), and another org on either instance hears nothing of it', async () => {
      if (!available) return;
      const dB = await createDispatchOrg(appB);
      const onA = await open(appA, dB.org.slug, dB.org.at('readonly').token);
      const otherOnB = await open(appB, d.org.slug, d.org.at('readonly').token);
      await untilLive(dB, onA);
      await untilLive(d, otherOnB);
      const order = await createOrder(dB, { priority: 'urgent' });
      const created = await onA.next((e) => e.data?.order?.id === order.id);
      expect(created).toMatchObject({ event: 'fbo.fuel_order.created', data: { order: { priority: 'urgent' } } });
      const marker = await createOrder(d);
      await otherOnB.next((e) => e.data?.order?.id === marker.id);
      expect(otherOnB.events.some((e) => e.data?.order?.id === order.id)).toBe(false);
    });
  },
);
