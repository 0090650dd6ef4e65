import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe-style: `X-Quartermaster-Signature: t=<unix seconds>,v1=<hex>` where
 * `v1` is HMAC-SHA256 keyed with the subscription secret over `"<t>.<raw body>"`. Signing the
 * timestamp lets a receiver refuse replays of old requests.
 *
 * A receiver verifies like this (Node; any language with HMAC-SHA256 works the same way):
 *
 * ```ts
 * const ok = verifyWebhookSignature(secret, req.headers['x-quartermaster-signature'], rawBody, 300);
 * if (!ok) return reply.code(400).send();
 * // Dedupe on X-Quartermaster-Delivery: a delivery may arrive more than once, always with the same id.
 * ```
 *
 * Verify against the raw bytes received, before any JSON parsing re-serializes them.
 */
export const SIGNATURE_HEADER = 'X-Quartermaster-Signature';
export const EVENT_HEADER = 'X-Quartermaster-Event';
export const DELIVERY_HEADER = 'X-Quartermaster-Delivery';

function hmacHex(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The signature header value for `rawBody` at `timestamp` (unix seconds). */
export function signWebhookPayload(
  secret: string,
  rawBody: string | Buffer,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * Whether `header` is a valid signature of `rawBody` with `secret`, made at most
 * `toleranceSeconds` from now. Accepts several `v1=` entries (any one may match), compares in
 * constant time, and never throws on malformed input.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | string[] | undefined | null,
  rawBody: string | Buffer,
  toleranceSeconds = 300,
  now: Date = new Date(),
): boolean {
  if (typeof header !== 'string' || !secret) return false;
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || !candidates.length) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}
