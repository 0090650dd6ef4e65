import {
  constructWebhookEvent,
  isWebhookEvent,
  signWebhookPayload,
  verifyWebhookSignature,
  WebhookSignatureError,
  type WebhookEvent,
} from '@quartermaster/sdk';
import {
  signWebhookPayload as serverSign,
  verifyWebhookSignature as serverVerify,
} from '../../../src/platform/events/webhook-signature';

const secret = 'whsec_0123456789abcdef';
const now = new Date('2030-01-02T03:04:05Z');
const t = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({
  id: '9a1c2f7e-0000-4000-8000-000000000001',
  type: 'platform.member.joined',
  orgId: '9a1c2f7e-0000-4000-8000-000000000002',
  createdAt: now.toISOString(),
  data: {
    userId: 'u1',
    tier: 'member',
    grants: [],
    via: 'invitation',
    reason: 'platform.invitations.accept',
    actorUserId: 'u1',
  },
});

/** The SDK's verifier against signatures made by the server's own signing function. */
describe('webhook signatures', () => {
  it("accepts the server's signature of the raw body, as a string or as bytes", async () => {
    const header = serverSign(secret, body, t);
    expect(await verifyWebhookSignature(secret, header, body, 300, now)).toBe(true);
    expect(await verifyWebhookSignature(secret, header, Buffer.from(body), 300, now)).toBe(true);
    expect(await verifyWebhookSignature(secret, header, new TextEncoder().encode(body), 300, now)).toBe(true);
  });

  it('accepts non-ASCII bodies exactly as the server signs them', async () => {
    const text = JSON.stringify({ data: { name: 'Ærendil — 火' } });
    expect(await verifyWebhookSignature(secret, serverSign(secret, text, t), text, 300, now)).toBe(true);
  });

  it('refuses a changed body, another secret, a stale or future timestamp and malformed headers', async () => {
    const header = serverSign(secret, body, t);
    expect(await verifyWebhookSignature(secret, header, body.replace('member', 'officer'), 300, now)).toBe(false);
    expect(await verifyWebhookSignature('whsec_other', header, body, 300, now)).toBe(false);
    expect(await verifyWebhookSignature(secret, serverSign(secret, body, t - 301), body, 300, now)).toBe(false);
    expect(await verifyWebhookSignature(secret, serverSign(secret, body, t + 301), body, 300, now)).toBe(false);
    for (const bad of [undefined, null, '', 'garbage', `t=${t}`, 'v1=abc', [header], `t=x,v1=${'0'.repeat(64)}`]) {
      expect(await verifyWebhookSignature(secret, bad, body, 300, now)).toBe(false);
    }
    expect(await verifyWebhookSignature('', header, body, 300, now)).toBe(false);
  });

  it('accepts any one of several v1 signatures (secret rotation) and upper-case hex', async () => {
    const header = serverSign(secret, body, t);
    const v1 = header.split('v1=')[1];
    const rotated = `t=${t},v1=${'ab'.repeat(32)}, v1=${v1.toUpperCase()}`;
    expect(await verifyWebhookSignature(secret, rotated, body, 300, now)).toBe(true);
    expect(serverVerify(secret, rotated, body, 300, now)).toBe(true);
  });

  it('signs exactly as the server does, so receivers can be tested without one', async () => {
    expect(await signWebhookPayload(secret, body, t)).toBe(serverSign(secret, body, t));
    expect(serverVerify(secret, await signWebhookPayload(secret, body, t), body, 300, now)).toBe(true);
  });

  it('constructs the typed event of a verified delivery, and throws for a bad one', async () => {
    const event: WebhookEvent = await constructWebhookEvent(secret, serverSign(secret, body, t), body, { now });
    expect(isWebhookEvent(event, 'platform.member.joined')).toBe(true);
    if (isWebhookEvent(event, 'platform.member.joined')) expect(event.data.tier).toBe('member');
    expect(isWebhookEvent(event, 'webhook.ping')).toBe(false);
    await expect(constructWebhookEvent(secret, 't=1,v1=00', body, { now })).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });
});
