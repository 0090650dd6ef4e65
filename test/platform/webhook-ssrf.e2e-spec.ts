import type { LookupAddress } from 'node:dns';
import { AddressInfo, createServer, Server } from 'node:net';
import { WebhookDeliverer } from '../../src/platform/events/webhook-deliverer';
import { WebhookTargetResolver } from '../../src/platform/events/webhook-transport';
import { webhookApi } from '../support/webhook-api';
import { createOrg, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

const HOUR = 3_600_000;
const REFUSED = 'target refused: not a public address';

/**
 * Webhook targets under the production policy (WEBHOOK_PUBLIC_TARGETS_ONLY): only globally
 * routable unicast addresses, checked on the address each connection actually uses. Names are
 * answered by a fake resolver; nothing resolves or reaches a real outside address.
 */
describe('webhook targets: public addresses only (e2e)', () => {
  let t: TestApp;
  let deliverer: WebhookDeliverer;
  /** A TCP listener on 127.0.0.1 that counts connections: the internal service an attacker aims at. */
  let internal: Server;
  let internalPort: number;
  let connections = 0;
  /** Host name -> the answers the fake resolver gives, in turn (the last one repeats). */
  const dns = new Map<string, string[][]>();
  const lookups: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_PUBLIC_TARGETS_ONLY: 'true' });
    deliverer = t.app.get(WebhookDeliverer);
    jest.spyOn(t.app.get(WebhookTargetResolver), 'resolve').mockImplementation(async (hostname) => {
      lookups.push(hostname);
      const answers = dns.get(hostname);
      if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      return answer.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    });
    internal = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalPort = (internal.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => internal.close(resolve));
    await t.close();
  });

  async function adminApi() {
    const owner = await registerUser(t, 'ssrf');
    const org = await createOrg(owner);
    return webhookApi(t, owner.token, org.slug);
  }

  /** Pings the subscription, runs the deliverer once and returns the ping's delivery as the org sees it. */
  async function pingOnce(api: ReturnType<typeof webhookApi>, id: string) {
    expect((await api.ping(id)).status).toBe(202);
    await deliverer.deliverDue(new Date(Date.now() + HOUR));
    const [delivery] = (await api.deliveries(id)).body.items;
    return delivery;
  }

  it('refuses special-purpose literal addresses and names that resolve to them at registration', async () => {
    const api = await adminApi();
    dns.set('intranet.test', [['10.0.0.5']]);
    dns.set('mixed.test', [['8.8.8.8', '169.254.169.254']]);
    for (const url of [
      'https://192.0.2.10/hook', // TEST-NET-1: accepted before
      'https://198.18.0.1/hook', // benchmarking: accepted before
      'https://[::ffff:127.0.0.1]/hook',
      'https://[64:ff9b::a00:1]/hook', // NAT64 form of 10.0.0.1
      'https://[2001:db8::1]/hook',
      'https://intranet.test/hook',
      'https://mixed.test/hook',
    ]) {
      const res = await api.create({ url, eventTypes: ['*'] });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'url', message: expect.stringMatching(/public address/) }),
      ]);
    }
    // A name the resolver does not know yet is not refused here: it is checked again on every connection.
    expect((await api.create({ url: 'https://not-yet.test/hook', eventTypes: ['*'] })).status).toBe(201);
  });

  it('checks the address each connection uses: a name that rebinds to 127.0.0.1 is refused, once, without retry', async () => {
    const api = await adminApi();
    // Public when the admin registers it, loopback by the time a delivery connects.
    const host = `${unique('rebind')}.test`;
    dns.set(host, [['8.8.8.8'], ['127.0.0.1']]);
    const created = await api.create({ url: `https://${host}:${internalPort}/hook`, eventTypes: ['*'] });
    expect(created.status).toBe(201);

    const delivery = await pingOnce(api, created.body.id);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: null,
      lastError: REFUSED,
      nextAttemptAt: null,
    });
    // One resolution at registration, one at the connection: the checked answer is the connected one.
    expect(lookups.filter((name) => name === host)).toHaveLength(2);
    expect(connections).toBe(0);

    // Not retried, however late the deliverer runs.
    await deliverer.deliverDue(new Date(Date.now() + 48 * HOUR));
    expect((await api.deliveries(created.body.id)).body.items).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1 }),
    ]);
    expect(lookups.filter((name) => name === host)).toHaveLength(2);
  });

  it('refuses a literal internal target at connect time too (a URL stored before the policy was on)', async () => {
    const api = await adminApi();
    dns.set('moved.test', [['8.8.8.8']]);
    const created = await api.create({ url: 'https://moved.test/hook', eventTypes: ['*'] });
    // The API cannot store such a URL any more; the row can hold one from before.
    await t.db.query('UPDATE webhook_subscriptions SET url = $2 WHERE id = $1', [
      created.body.id,
      `http://127.0.0.1:${internalPort}/hook`,
    ]);

    const delivery = await pingOnce(api, created.body.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: REFUSED });
    expect(connections).toBe(0);
  });

  it('reports a name that does not resolve as a generic connection error, and retries it', async () => {
    const api = await adminApi();
    const created = await api.create({ url: 'https://unknown.test/hook', eventTypes: ['*'] });
    const delivery = await pingOnce(api, created.body.id);
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'delivery failed: connection error',
    });
    expect(delivery.nextAttemptAt).not.toBeNull();
  });
});
