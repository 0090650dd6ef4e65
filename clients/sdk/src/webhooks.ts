import type { components } from './schema';

/**
 * Webhook signatures, Stripe-style: `X-Quartermaster-Signature: t=<unix seconds>,v1=<hex>` where
 * `v1` is HMAC-SHA256 keyed with the subscription secret over `"<t>.<raw body>"` (the same
 * algorithm as the server's `src/platform/events/webhook-signature.ts`). Uses Web Crypto, so it
 * runs on Node 20+, Deno, Bun and edge runtimes alike.
 */
export const SIGNATURE_HEADER = 'X-Quartermaster-Signature';
/** The event type of a delivery (also in the body's `type`). */
export const EVENT_HEADER = 'X-Quartermaster-Event';
/** The delivery id: the same on every attempt of one delivery, so receivers dedupe on it. */
export const DELIVERY_HEADER = 'X-Quartermaster-Delivery';
/** How old a signature may be by default, in seconds (replays of older requests are refused). */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

type Tier = components['schemas']['Tier'];
type Grant = components['schemas']['Grant'];

/** The body of every delivery. `data` depends on `type`. */
export interface WebhookEnvelope<Type extends string = string, Data = Record<string, unknown>> {
  /** The event id (stable across deliveries of the same event). */
  id: string;
  type: Type;
  orgId: string;
  /** ISO 8601, when the event was recorded. */
  createdAt: string;
  data: Data;
}

/** Why a membership changed, on every `platform.member.*` event. */
export interface MemberChangeCause {
  userId: string;
  /** Dotted name of the cause: `dkp.application.approved`, `platform.members.update`, ... */
  reason: string;
  /** Null for jobs and bot keys. */
  actorUserId: string | null;
  /** The API key that made the change, when one did. */
  apiKeyId?: string;
}

export type MemberJoinedEvent = WebhookEnvelope<
  'platform.member.joined',
  MemberChangeCause & { tier: Tier; grants: Grant[]; via: 'invitation' | 'added' | 'context' }
>;
export type MemberTierChangedEvent = WebhookEnvelope<
  'platform.member.tier_changed',
  MemberChangeCause & { from: Tier; to: Tier }
>;
export type MemberGrantsChangedEvent = WebhookEnvelope<
  'platform.member.grants_changed',
  MemberChangeCause & { from: Grant[]; to: Grant[] }
>;
export type MemberRemovedEvent = WebhookEnvelope<'platform.member.removed', MemberChangeCause & { tier: Tier }>;
/** Sent by `POST .../webhooks/{id}/ping` to that subscription only. */
export type WebhookPingEvent = WebhookEnvelope<'webhook.ping', { webhookId: string; url: string }>;

/** The events whose payloads the SDK types. Contexts (`dkp.*`, ...) add more, typed as `WebhookEnvelope`. */
export type KnownWebhookEvent =
  MemberJoinedEvent | MemberTierChangedEvent | MemberGrantsChangedEvent | MemberRemovedEvent | WebhookPingEvent;

/** Any delivery: narrow it with `isWebhookEvent(event, 'platform.member.joined')`. */
export type WebhookEvent = KnownWebhookEvent | WebhookEnvelope;

/** Narrows a delivery to one known event type, with its typed `data`. */
export function isWebhookEvent<T extends KnownWebhookEvent['type']>(
  event: WebhookEvent,
  type: T,
): event is Extract<KnownWebhookEvent, { type: T }> {
  return event.type === type;
}

/** A delivery whose signature does not verify (wrong secret, altered body, too old or malformed). */
export class WebhookSignatureError extends Error {
  constructor(message = 'Webhook signature verification failed') {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

const encoder = new TextEncoder();

/** The bytes signed: `"<timestamp>."` then the raw body, as received. */
function signedBytes(timestamp: number, rawBody: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const bytes = new Uint8Array(prefix.length + body.length);
  bytes.set(prefix, 0);
  bytes.set(body, prefix.length);
  return bytes;
}

// Return type inferred: `CryptoKey` is a DOM name, absent from Node-only type setups.
function hmacKey(secret: string, usage: 'sign' | 'verify') {
  return globalThis.crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The timestamp and `v1` candidates of a header, or undefined when it has none of either. */
function parseSignatureHeader(header: string): { timestamp: number; candidates: string[] } | undefined {
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
  return timestamp === undefined || !candidates.length ? undefined : { timestamp, candidates };
}

/**
 * Whether `header` (the `X-Quartermaster-Signature` value) is a valid signature of `rawBody` with
 * `secret`, made at most `toleranceSeconds` from `now`. Accepts several `v1=` entries (any one
 * may match, as during a secret rotation), compares in constant time (Web Crypto `verify`), and
 * never throws on malformed input. Verify the raw bytes received, before any JSON parsing.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | string[] | undefined | null,
  rawBody: string | Uint8Array,
  toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  now: Date = new Date(),
): Promise<boolean> {
  if (typeof header !== 'string' || !secret) return false;
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - parsed.timestamp) > toleranceSeconds) return false;
  const key = await hmacKey(secret, 'verify');
  const data = signedBytes(parsed.timestamp, rawBody);
  for (const candidate of parsed.candidates) {
    if (await globalThis.crypto.subtle.verify('HMAC', key, fromHex(candidate), data)) return true;
  }
  return false;
}

/**
 * The signature header value for `rawBody` at `timestamp` (unix seconds), as the server makes
 * it: for testing a receiver without a server.
 */
export async function signWebhookPayload(
  secret: string,
  rawBody: string | Uint8Array,
  timestamp = Math.floor(Date.now() / 1000),
): Promise<string> {
  const mac = await globalThis.crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret, 'sign'),
    signedBytes(timestamp, rawBody),
  );
  const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}

export interface ConstructWebhookEventOptions {
  /** Default 300 seconds. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * Verifies a delivery and returns its parsed, typed body; throws `WebhookSignatureError` when the
 * signature does not verify. `rawBody` must be the bytes received (not re-serialized JSON).
 *
 * ```ts
 * const event = await constructWebhookEvent(secret, req.headers['x-quartermaster-signature'], rawBody);
 * if (isWebhookEvent(event, 'platform.member.joined')) console.log(event.data.tier);
 * ```
 */
export async function constructWebhookEvent(
  secret: string,
  header: string | string[] | undefined | null,
  rawBody: string | Uint8Array,
  options: ConstructWebhookEventOptions = {},
): Promise<WebhookEvent> {
  const ok = await verifyWebhookSignature(secret, header, rawBody, options.toleranceSeconds, options.now);
  if (!ok) throw new WebhookSignatureError();
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  return JSON.parse(text) as WebhookEvent;
}
