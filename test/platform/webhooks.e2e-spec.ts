import { randomUUID } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { unwrap } from '@quartermaster/sdk';
import { DomainEvents } from '../../src/platform/events/domain-events';
import { OutboxDispatcher } from '../../src/platform/events/outbox-dispatcher';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs, WebhookDeliverer } from '../../src/platform/events/webhook-deliverer';
import { eventTypeMatches } from '../../src/platform/events/webhook-event-types';
import { signWebhookPayload, verifyWebhookSignature } from '../../src/platform/events/webhook-signature';
import { webhookApi } from '../support/webhook-api';
import { WebhookReceiver } from '../support/webhook-receiver';
import { addMember, createOrg, registerUser, startTestApp, TestApp, TestUser, unique } from '../support/test-app';

/** Far enough past any backoff (max 1 h) that every pending delivery is due. */
const HOUR = 3_600_000;

describe('webhooks (e2e)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let dispatcher: OutboxDispatcher;
  let deliverer: WebhookDeliverer;
  /** A clock for the deliverer that only moves forward, in big steps past any backoff. */
  let clock = Date.now();
  const later = () => new Date((clock += 2 * HOUR));

  beforeAll(async () => {
    t = await startTestApp();
    receiver = await WebhookReceiver.start();
    dispatcher = t.app.get(OutboxDispatcher);
    deliverer = t.app.get(WebhookDeliverer);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function adminOrg(): Promise<{
    owner: TestUser;
    org: { id: string; slug: string };
    api: ReturnType<typeof webhookApi>;
  }> {
    const owner = await registerUser(t, 'whadmin');
    const org = await createOrg(owner);
    return { owner, org, api: webhookApi(t, owner.token, org.slug) };
  }

  async function subscribe(
    api: ReturnType<typeof webhookApi>,
    eventTypes: string[],
    extra: Record<string, unknown> = {},
  ) {
    const path = unique('hook');
    const res = await api.create({ url: receiver.url(path), eventTypes, ...extra });
    expect(res.status).toBe(201);
    return { ...res.body, path } as { id: string; secret: string; path: string; url: string };
  }

  async function record(orgId: string, type: string, payload: Record<string, unknown> = {}): Promise<void> {
    const events = t.app.get(DomainEvents);
    await t.db.transaction((tx) => events.record(tx, { orgId, type, payload }));
  }

  async function dispatchAll(): Promise<void> {
    while ((await dispatcher.dispatchBatch()).events > 0);
  }

  /** Runs the deliverer until nothing is due at the (advancing) clock. */
  async function deliverAll(now = later()): Promise<void> {
    while ((await deliverer.deliverDue(now)).claimed > 0);
  }

  const deliveryRows = (subscriptionId: string) =>
    t.db.query(
      `SELECT id, event_id, event_type, status, attempts FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at`,
      [subscriptionId],
    );

  describe('admin API', () => {
    it('creates a subscription and shows its secret once', async () => {
      const { api } = await adminOrg();
      const created = await subscribe(api, ['dkp.member.*'], { description: 'roster sync' });
      expect(created).toMatchObject({ eventTypes: ['dkp.member.*'], active: true, description: 'roster sync' });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);

      const list = await api.list();
      expect(list.status).toBe(200);
      expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([created.id]);
      expect(list.body.items[0]).not.toHaveProperty('secret');
      expect(JSON.stringify(list.body)).not.toContain(created.secret);
      const one = await api.get(created.id);
      expect(one.status).toBe(200);
      expect(one.body).not.toHaveProperty('secret');
      expect(one.body.url).toBe(created.url);
    });

    it('updates, rotates the secret and deletes', async () => {
      const { api } = await adminOrg();
      const created = await subscribe(api, ['*']);
      const updated = await api.update(created.id, {
        eventTypes: ['a.b', 'c.*'],
        active: false,
        description: 'paused',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        eventTypes: ['a.b', 'c.*'],
        active: false,
        description: 'paused',
        url: created.url,
      });
      expect(updated.body).not.toHaveProperty('secret');

      const rotated = await api.rotate(created.id);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.secret);

      expect((await api.remove(created.id)).status).toBe(204);
      expect((await api.get(created.id)).status).toBe(404);
      expect((await api.remove(created.id)).status).toBe(404);
    });

    it('validates url and event types', async () => {
      const { api } = await adminOrg();
      for (const body of [
        { url: 'ftp://example.com/hook', eventTypes: ['*'] },
        { url: 'example.com/hook', eventTypes: ['*'] },
        { url: 'http://example.com/hook', eventTypes: ['*'] }, // http only for localhost
        { url: 'https://user:pw@example.com/hook', eventTypes: ['*'] },
        { url: 'https://example.com/hook', eventTypes: [] },
        { url: 'https://example.com/hook', eventTypes: ['dkp.*.member'] },
        { url: 'https://example.com/hook', eventTypes: ['dkp*'] },
        { url: 'https://example.com/hook', eventTypes: ['*'], secret: 'mine' },
      ]) {
        const res = await api.create(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.type).toBe('https://quartermaster.dev/problems/validation');
      }
      expect(
        (await api.create({ url: 'https://hooks.example.com/qm', eventTypes: ['dkp.*', 'fbo.flight.created'] })).status,
      ).toBe(201);
      const created = await subscribe(api, ['*']);
      expect((await api.update(created.id, { eventTypes: null })).status).toBe(400);
      expect((await api.update(created.id, { url: 'http://example.com/x' })).status).toBe(400);
      expect((await api.get('not-a-uuid')).status).toBe(400);
    });

    it('refuses members (403), bot keys (403) and other orgs (404)', async () => {
      const { owner, org, api } = await adminOrg();
      const created = await subscribe(api, ['*']);
      const member = await registerUser(t, 'whmember');
      await addMember(owner, org.slug, member, 'member');
      const asMember = webhookApi(t, member.token, org.slug);
      expect((await asMember.list()).status).toBe(403);
      expect((await asMember.create({ url: 'https://example.com', eventTypes: ['*'] })).status).toBe(403);
      expect((await asMember.get(created.id)).status).toBe(403);

      const bot = await unwrap(
        owner.api.POST('/api/v1/orgs/{org}/bot-keys', {
          params: { path: { org: org.slug } },
          body: { name: 'bot', scopes: ['dkp:bidding'] },
        }),
      );
      expect((await webhookApi(t, { apiKey: bot.key }, org.slug).list()).status).toBe(403);

      const other = await adminOrg();
      const asOther = webhookApi(t, other.owner.token, org.slug);
      expect((await asOther.list()).status).toBe(404);
      expect((await asOther.get(created.id)).status).toBe(404);
      // Their own org does not see this org's subscription either.
      expect((await other.api.get(created.id)).status).toBe(404);
      expect((await other.api.deliveries(created.id)).status).toBe(404);
      expect((await other.api.ping(created.id)).status).toBe(404);
    });

    it('documents every webhook operation, admin-only and without scopes', async () => {
      const doc = (await (await fetch(`${t.baseUrl}/docs/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { operationId: string; 'x-access': unknown }>>;
      };
      const ops = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/v1/orgs/{org}/webhooks'))
        .flatMap(([, item]) => Object.values(item));
      expect(ops.map((o) => o.operationId).sort()).toEqual([
        'createWebhook',
        'deleteWebhook',
        'getWebhook',
        'listWebhookDeliveries',
        'listWebhooks',
        'pingWebhook',
        'retryWebhookDelivery',
        'rotateWebhookSecret',
        'updateWebhook',
      ]);
      for (const op of ops) expect(op['x-access']).toEqual({ tier: 'admin' });
    });
  });

  describe('delivery', () => {
    it('a rolled-back transaction produces no event and no delivery', async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      const events = t.app.get(DomainEvents);
      await expect(
        t.db.transaction(async (tx) => {
          await events.record(tx, { orgId: org.id, type: 'dkp.member.rank_changed', payload: { rolled: 'back' } });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await t.db.query(`SELECT 1 FROM outbox_events WHERE org_id = $1`, [org.id])).toHaveLength(0);
      await dispatchAll();
      expect(await deliveryRows(sub.id)).toHaveLength(0);
    });

    it('delivers a signed body with a stable delivery id', async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['dkp.member.*']);
      await record(org.id, 'dkp.member.rank_changed', { memberId: 'm1', from: 'member', to: 'officer' });
      await dispatchAll();
      const [delivery] = await deliveryRows(sub.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 0, event_type: 'dkp.member.rank_changed' });
      await deliverAll();

      const [received] = receiver.to(sub.path);
      expect(receiver.to(sub.path)).toHaveLength(1);
      expect(received.headers['content-type']).toBe('application/json');
      expect(received.headers['x-quartermaster-event']).toBe('dkp.member.rank_changed');
      expect(received.headers['x-quartermaster-delivery']).toBe(delivery.id);
      const signature = received.headers['x-quartermaster-signature'] as string;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(sub.secret, signature, received.body, 300)).toBe(true);
      expect(verifyWebhookSignature(sub.secret, signature, received.body.replace('officer', 'owner'), 300)).toBe(false);
      expect(verifyWebhookSignature('whsec_wrong', signature, received.body, 300)).toBe(false);
      expect(
        verifyWebhookSignature(sub.secret, signature, received.body, 300, new Date(Date.now() + 10 * 60_000)),
      ).toBe(false);
      const body = JSON.parse(received.body);
      expect(body).toEqual({
        id: delivery.event_id,
        type: 'dkp.member.rank_changed',
        orgId: org.id,
        createdAt: expect.any(String),
        data: { memberId: 'm1', from: 'member', to: 'officer' },
      });
      expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);

      const log = await api.deliveries(sub.id);
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          id: delivery.id,
          eventId: delivery.event_id,
          eventType: 'dkp.member.rank_changed',
          status: 'delivered',
          attempts: 1,
          lastStatusCode: 204,
          lastError: null,
          nextAttemptAt: null,
        }),
      ]);
      expect(log.body.items[0].deliveredAt).not.toBeNull();

      // Delivered means done: nothing more is sent.
      await deliverAll();
      expect(receiver.to(sub.path)).toHaveLength(1);
    });

    it('retries with backoff after failures, then delivers; attempts are in the log', async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      receiver.failNext(sub.path, 2, 503);
      await record(org.id, 'dkp.member.status_changed', { n: 1 });
      await dispatchAll();

      const start = new Date((clock += 2 * HOUR));
      expect(await deliverer.deliverDue(start)).toMatchObject({ failed: expect.any(Number) });
      let [row] = (await api.deliveries(sub.id)).body.items;
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503' });
      const delay = new Date(row.nextAttemptAt).getTime() - start.getTime();
      expect(delay).toBeGreaterThanOrEqual(8_000);
      expect(delay).toBeLessThanOrEqual(13_000);

      // Not due yet: nothing is sent.
      await deliverer.deliverDue(new Date(start.getTime() + 1000));
      expect(receiver.to(sub.path)).toHaveLength(1);

      await deliverAll();
      [row] = (await api.deliveries(sub.id)).body.items;
      expect(row).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 503 });
      await deliverAll();
      [row] = (await api.deliveries(sub.id)).body.items;
      expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null });

      const got = receiver.to(sub.path);
      expect(got.map((r) => r.status)).toEqual([503, 503, 204]);
      expect(new Set(got.map((r) => r.headers['x-quartermaster-delivery'])).size).toBe(1);
      expect(new Set(got.map((r) => r.body)).size).toBe(1);
      for (const r of got)
        expect(verifyWebhookSignature(sub.secret, r.headers['x-quartermaster-signature'] as string, r.body)).toBe(true);
    });

    it(`gives up after ${MAX_DELIVERY_ATTEMPTS} failures; retry puts it back and it is delivered`, async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      receiver.failNext(sub.path, MAX_DELIVERY_ATTEMPTS, 500);
      await record(org.id, 'dkp.raid.closed', {});
      await dispatchAll();
      for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) await deliverAll();
      expect(receiver.to(sub.path)).toHaveLength(MAX_DELIVERY_ATTEMPTS);
      const failed = await api.deliveries(sub.id, '?status=failed');
      expect(failed.body.items).toEqual([
        expect.objectContaining({
          status: 'failed',
          attempts: MAX_DELIVERY_ATTEMPTS,
          lastStatusCode: 500,
          nextAttemptAt: null,
        }),
      ]);
      expect((await api.deliveries(sub.id, '?status=pending')).body.items).toEqual([]);
      expect((await api.deliveries(sub.id, '?status=bogus')).status).toBe(400);

      const id = failed.body.items[0].id;
      const retried = await api.retry(sub.id, id);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0 });
      await deliverAll();
      expect((await api.deliveries(sub.id)).body.items[0]).toMatchObject({ id, status: 'delivered', attempts: 1 });
      const got = receiver.to(sub.path);
      expect(got).toHaveLength(MAX_DELIVERY_ATTEMPTS + 1);
      expect(got[got.length - 1].headers['x-quartermaster-delivery']).toBe(id);

      // Only failed deliveries can be retried; unknown ones are 404.
      const again = await api.retry(sub.id, id);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        type: 'https://quartermaster.dev/problems/webhook-delivery-not-failed',
        deliveryStatus: 'delivered',
      });
      expect((await api.retry(sub.id, randomUUID())).status).toBe(404);
    });

    it('filters by event type with exact types and wildcards, per org', async () => {
      const { org, api } = await adminOrg();
      const other = await adminOrg();
      const member = await subscribe(api, ['dkp.member.*']);
      const exact = await subscribe(api, ['dkp.member.rank_changed']);
      const everything = await subscribe(api, ['*']);
      const dkp = await subscribe(api, ['dkp.*', 'fbo.flight.created']);
      const fbo = await subscribe(api, ['fbo.*']);
      const otherOrg = await subscribe(other.api, ['*']);
      for (const type of [
        'dkp.member.rank_changed',
        'dkp.member.status_changed',
        'dkp.raid.created',
        'dkpx.member.rank_changed',
        'dkp',
        'fbo.flight.created',
      ]) {
        await record(org.id, type);
      }
      await dispatchAll();
      const types = async (s: { id: string }) =>
        (await deliveryRows(s.id)).map((r: { event_type: string }) => r.event_type).sort();
      expect(await types(member)).toEqual(['dkp.member.rank_changed', 'dkp.member.status_changed']);
      expect(await types(exact)).toEqual(['dkp.member.rank_changed']);
      expect(await types(everything)).toEqual([
        'dkp',
        'dkp.member.rank_changed',
        'dkp.member.status_changed',
        'dkp.raid.created',
        'dkpx.member.rank_changed',
        'fbo.flight.created',
      ]);
      expect(await types(dkp)).toEqual([
        'dkp.member.rank_changed',
        'dkp.member.status_changed',
        'dkp.raid.created',
        'fbo.flight.created',
      ]);
      expect(await types(fbo)).toEqual(['fbo.flight.created']);
      expect(await types(otherOrg)).toEqual([]);
      await deliverAll();
      expect(
        receiver
          .to(member.path)
          .map((r) => r.headers['x-quartermaster-event'])
          .sort(),
      ).toEqual(['dkp.member.rank_changed', 'dkp.member.status_changed']);

      // The SQL matcher and the TypeScript one agree.
      expect(eventTypeMatches('dkp.*', 'dkpx.a')).toBe(false);
      expect(eventTypeMatches('dkp.*', 'dkp.a.b')).toBe(true);
    });

    it('an inactive subscription gets nothing, and a paused one resumes', async () => {
      const { org, api } = await adminOrg();
      const inactive = await subscribe(api, ['*'], { active: false });
      const paused = await subscribe(api, ['*']);
      await record(org.id, 'dkp.member.rank_changed');
      await dispatchAll();
      expect(await deliveryRows(inactive.id)).toHaveLength(0);
      // Pausing after dispatch holds the pending delivery back until reactivated.
      await api.update(paused.id, { active: false });
      await deliverAll();
      expect(receiver.to(paused.path)).toHaveLength(0);
      expect(receiver.to(inactive.path)).toHaveLength(0);
      await api.update(paused.id, { active: true });
      await deliverAll();
      expect(receiver.to(paused.path)).toHaveLength(1);
    });

    it('concurrent dispatchers create exactly one delivery per subscription', async () => {
      const { org, api } = await adminOrg();
      const a = await subscribe(api, ['*']);
      const b = await subscribe(api, ['dkp.*']);
      for (let i = 0; i < 30; i++) await record(org.id, 'dkp.points.awarded', { i });
      const results = await Promise.all([
        dispatcher.dispatchBatch(),
        dispatcher.dispatchBatch(),
        dispatcher.dispatchBatch(),
      ]);
      await dispatchAll();
      expect(results.reduce((n, r) => n + r.events, 0)).toBeGreaterThanOrEqual(30);
      expect(await deliveryRows(a.id)).toHaveLength(30);
      expect(await deliveryRows(b.id)).toHaveLength(30);

      // Even if an event were dispatched twice, the unique (subscription, event) pair holds.
      await t.db.query(`UPDATE outbox_events SET dispatched_at = NULL WHERE org_id = $1`, [org.id]);
      await Promise.all([dispatchAll(), dispatchAll()]);
      expect(await deliveryRows(a.id)).toHaveLength(30);
      expect(new Set((await deliveryRows(a.id)).map((r: { event_id: string }) => r.event_id)).size).toBe(30);

      // Concurrent deliverers send each delivery once.
      const now = later();
      await Promise.all([
        deliverer.deliverDue(now, 200),
        deliverer.deliverDue(now, 200),
        deliverer.deliverDue(now, 200),
      ]);
      await deliverAll(now);
      expect(receiver.to(a.path)).toHaveLength(30);
      expect(new Set(receiver.to(a.path).map((r) => r.headers['x-quartermaster-delivery'])).size).toBe(30);
    });

    it('a crash after the POST redelivers with the same delivery id once the lease ends', async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      await record(org.id, 'dkp.member.rank_changed', { crash: true });
      await dispatchAll();
      // The worker POSTs, then "dies" before recording the outcome.
      const recordSpy = jest
        .spyOn(WebhookDeliverer.prototype as unknown as { record: () => Promise<void> }, 'record')
        .mockImplementationOnce(() => Promise.resolve());
      const crashAt = later();
      await deliverer.deliverDue(crashAt);
      recordSpy.mockRestore();
      expect(receiver.to(sub.path)).toHaveLength(1);
      expect((await api.deliveries(sub.id)).body.items[0]).toMatchObject({ status: 'pending', attempts: 0 });

      // While the lease runs, no other worker takes it.
      await deliverer.deliverDue(new Date(crashAt.getTime() + 30_000));
      expect(receiver.to(sub.path)).toHaveLength(1);
      // After it, the delivery is sent again with the same id and body, and recorded.
      await deliverer.deliverDue(new Date(crashAt.getTime() + 61_000));
      const got = receiver.to(sub.path);
      expect(got).toHaveLength(2);
      expect(got[1].headers['x-quartermaster-delivery']).toBe(got[0].headers['x-quartermaster-delivery']);
      expect(got[1].body).toBe(got[0].body);
      expect((await api.deliveries(sub.id)).body.items[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    });

    it('ping reaches only the pinged subscription', async () => {
      const { org, api } = await adminOrg();
      const pinged = await subscribe(api, ['*']);
      const bystander = await subscribe(api, ['*']);
      const res = await api.ping(pinged.id);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'pending', eventType: 'webhook.ping', subscriptionId: pinged.id });
      await dispatchAll();
      await deliverAll();
      const [got] = receiver.to(pinged.path);
      expect(got.headers['x-quartermaster-delivery']).toBe(res.body.id);
      expect(JSON.parse(got.body)).toMatchObject({
        type: 'webhook.ping',
        orgId: org.id,
        data: { webhookId: pinged.id },
      });
      expect(verifyWebhookSignature(pinged.secret, got.headers['x-quartermaster-signature'] as string, got.body)).toBe(
        true,
      );
      expect(receiver.to(bystander.path)).toHaveLength(0);
      expect(await deliveryRows(bystander.id)).toHaveLength(0);
    });

    it('signs with the rotated secret from then on', async () => {
      const { api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      const rotated = (await api.rotate(sub.id)).body;
      await api.ping(sub.id);
      await deliverAll();
      const [got] = receiver.to(sub.path);
      expect(verifyWebhookSignature(rotated.secret, got.headers['x-quartermaster-signature'] as string, got.body)).toBe(
        true,
      );
      expect(verifyWebhookSignature(sub.secret, got.headers['x-quartermaster-signature'] as string, got.body)).toBe(
        false,
      );
    });

    it('tells the org only "connection error" when there is no HTTP answer (no errno, no TLS detail)', async () => {
      const { api } = await adminOrg();
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const targets = {
        refused: `http://127.0.0.1:${closedPort}/hook`, // ECONNREFUSED
        tls: `https://127.0.0.1:${new URL(receiver.baseUrl).port}/hook`, // TLS to a plain HTTP server
      };
      for (const [name, url] of Object.entries(targets)) {
        const created = await api.create({ url, eventTypes: ['*'] });
        expect(created.status).toBe(201);
        await api.ping(created.body.id);
        await deliverAll();
        const [row] = (await api.deliveries(created.body.id)).body.items;
        expect({ name, ...row }).toMatchObject({
          name,
          status: 'pending',
          attempts: 1,
          lastStatusCode: null,
          lastError: 'delivery failed: connection error',
        });
      }
    });

    it('deleting a subscription stops its deliveries', async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      receiver.failNext(sub.path, 1);
      await record(org.id, 'dkp.member.rank_changed');
      await dispatchAll();
      await deliverAll();
      expect(receiver.to(sub.path)).toHaveLength(1);
      expect((await api.remove(sub.id)).status).toBe(204);
      await record(org.id, 'dkp.member.rank_changed');
      await dispatchAll();
      await deliverAll();
      await deliverAll();
      expect(receiver.to(sub.path)).toHaveLength(1);
      expect(await deliveryRows(sub.id)).toHaveLength(0);
    });

    it('pages the delivery log with a cursor', async () => {
      const { org, api } = await adminOrg();
      const sub = await subscribe(api, ['*']);
      for (let i = 0; i < 5; i++) await record(org.id, 'dkp.points.awarded', { i });
      await dispatchAll();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.deliveries(
          sub.id,
          `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.items.map((d) => d.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect((await api.deliveries(sub.id, '?cursor=garbage')).status).toBe(400);
    });
  });

  describe('signature helper', () => {
    it('verifies what it signs and rejects malformed headers', () => {
      const body = '{"a":1}';
      const header = signWebhookPayload('s3cret', body);
      expect(verifyWebhookSignature('s3cret', header, body)).toBe(true);
      expect(verifyWebhookSignature('s3cret', header, Buffer.from(body))).toBe(true);
      expect(verifyWebhookSignature('s3cret', `${header},v1=${'0'.repeat(64)}`, body)).toBe(true);
      for (const bad of [
        undefined,
        '',
        't=abc,v1=00',
        'v1=' + '0'.repeat(64),
        header.replace(/v1=\w+/, 'v1=zz'),
        header.split(',')[0],
      ]) {
        expect(verifyWebhookSignature('s3cret', bad, body)).toBe(false);
      }
      const old = signWebhookPayload('s3cret', body, Math.floor(Date.now() / 1000) - 301);
      expect(verifyWebhookSignature('s3cret', old, body, 300)).toBe(false);
      expect(verifyWebhookSignature('s3cret', old, body, 600)).toBe(true);
    });

    it('backs off exponentially with jitter, capped at an hour', () => {
      expect(retryDelayMs(1, () => 0.5)).toBe(10_000);
      expect(retryDelayMs(2, () => 0.5)).toBe(20_000);
      expect(retryDelayMs(3, () => 0)).toBe(32_000);
      expect(retryDelayMs(20, () => 1)).toBe(HOUR);
    });
  });
});
