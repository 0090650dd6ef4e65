import { DomainEvents } from '../../src/platform/events/domain-events';
import { verifyWebhookSignature } from '../../src/platform/events/webhook-signature';
import { webhookApi } from '../support/webhook-api';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createOrg, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** With the jobs running (as in production), a committed event reaches the receiver on its own. */
describe('webhooks with background jobs (e2e)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await startTestApp({ JOBS_ENABLED: 'true' });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('dispatches and delivers a recorded event without being asked', async () => {
    const owner = await registerUser(t, 'whjobs');
    const org = await createOrg(owner);
    const path = unique('jobs');
    const created = await webhookApi(t, owner.token, org.slug).create({
      url: receiver.url(path),
      eventTypes: ['dkp.member.*'],
    });
    expect(created.status).toBe(201);
    const events = t.app.get(DomainEvents);
    await t.db.transaction((tx) =>
      events.record(tx, { orgId: org.id, type: 'dkp.member.status_changed', payload: { status: 'inactive' } }),
    );

    const got = await waitFor(() => receiver.to(path)[0]);
    expect(JSON.parse(got.body)).toMatchObject({
      type: 'dkp.member.status_changed',
      orgId: org.id,
      data: { status: 'inactive' },
    });
    expect(
      verifyWebhookSignature(created.body.secret, got.headers['x-quartermaster-signature'] as string, got.body),
    ).toBe(true);
    // The outcome is recorded right after the POST.
    const api = webhookApi(t, owner.token, org.slug);
    const delivered = await (async () => {
      for (let i = 0; i < 50; i++) {
        const [row] = (await api.deliveries(created.body.id)).body.items;
        if (row?.status === 'delivered') return row;
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    })();
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, id: got.headers['x-quartermaster-delivery'] });
    expect(receiver.to(path)).toHaveLength(1);
  });
});
