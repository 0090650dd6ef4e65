import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withTransaction } from '../database/transactions';
import { JobScheduler } from '../jobs/job-scheduler';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookPayload } from './webhook-signature';
import { describeFailure, WebhookTargetResolver, WebhookTransport } from './webhook-transport';

const INTERVAL_MS = 1000;
const BATCH = 25;
/** Time a claimed delivery stays invisible to other workers; longer than one attempt can take. */
export const DELIVERY_LEASE_MS = 60_000;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** After this many recorded attempts without a 2xx, a delivery is `failed`. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 3_600_000;
const MAX_ERROR_LENGTH = 500;

/** Delay before the attempt after `attempts` failed ones: 10 s × 2^(attempts-1) ±20 %, at most 1 h. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1);
  return Math.round(Math.min(MAX_BACKOFF_MS, base * (0.8 + 0.4 * random())));
}

/**
 * Per-subject order. Events about the same subject (same org, same `subject_id`) must reach a
 * subscription in the order they were recorded (`seq`): an `approved` before its `promoted`.
 * Retries and concurrent workers would reorder them, so a delivery (`d`, of event `e`) is not
 * attempted while an earlier event about its subject is still undispatched (its deliveries do not
 * exist yet) or has a `pending` delivery to the same subscription (waiting, retrying or in
 * flight). Only `delivered` and `failed` (given up) unblock; a retried failed delivery blocks
 * again. Events without a subject are never held back.
 */
const EARLIER_EVENT_UNDELIVERED = `EXISTS (
  SELECT 1 FROM outbox_events earlier
    LEFT JOIN webhook_deliveries p ON p.event_id = earlier.id AND p.subscription_id = d.subscription_id
   WHERE e.subject_id IS NOT NULL AND earlier.org_id = e.org_id AND earlier.subject_id = e.subject_id
     AND earlier.seq < e.seq AND (earlier.dispatched_at IS NULL OR p.status = 'pending'))`;

interface ClaimedDelivery {
  id: string;
  attempts: number;
  event_id: string;
  org_id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
  url: string;
  secret: string;
}

interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  /** Org-facing and generic (see `describeFailure`). */
  error: string | null;
  /** No retry can succeed (the target is refused by the address policy): fail at once. */
  final?: boolean;
}

/**
 * Sends due webhook deliveries, in order per subject (see `EARLIER_EVENT_UNDELIVERED`). A worker claims deliveries in a short transaction
 * (`FOR UPDATE SKIP LOCKED`, then pushes `next_attempt_at` one lease ahead), POSTs outside any
 * transaction, then records the outcome. If it dies in between, the lease runs out and another
 * attempt follows with the same `X-Quartermaster-Delivery` id: at-least-once delivery, which the
 * stable id turns into exactly-once for receivers that dedupe on it.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private readonly transport: WebhookTransport;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
    @Inject(AppConfig) config: AppConfig,
    resolver: WebhookTargetResolver,
  ) {
    // Resolved per connection through the provider, so the check and the connection see one answer.
    this.transport = new WebhookTransport((hostname) => resolver.resolve(hostname), config.webhookPublicTargetsOnly);
  }

  onApplicationBootstrap(): void {
    this.jobs.every('webhook-deliverer', INTERVAL_MS, async () => {
      while ((await this.deliverDue()).claimed === BATCH);
    });
  }

  /** Claims and sends up to `limit` deliveries due at `now`; returns how they went. */
  async deliverDue(
    now: Date = new Date(),
    limit = BATCH,
  ): Promise<{ claimed: number; delivered: number; failed: number }> {
    const claimed = await this.claim(now, limit);
    const outcomes = await Promise.all(
      claimed.map((d) => this.attempt(d).then((outcome) => this.record(d, outcome, now).then(() => outcome))),
    );
    return {
      claimed: claimed.length,
      delivered: outcomes.filter((o) => o.ok).length,
      failed: outcomes.filter((o) => !o.ok).length,
    };
  }

  private claim(now: Date, limit: number): Promise<ClaimedDelivery[]> {
    return withTransaction(this.db, async (tx) => {
      const result = await tx.queryRunner!.query(
        `WITH due AS (
           SELECT d.id FROM webhook_deliveries d
             JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
             JOIN outbox_events e ON e.id = d.event_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= $1
              AND NOT ${EARLIER_EVENT_UNDELIVERED}
            ORDER BY d.next_attempt_at
            LIMIT $2
            FOR UPDATE OF d SKIP LOCKED
         )
         UPDATE webhook_deliveries d SET next_attempt_at = $3
           FROM due, webhook_subscriptions s, outbox_events e
          WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
         RETURNING d.id, d.attempts, d.event_id, d.org_id, e.type, e.payload, e.created_at, s.url, s.secret`,
        [now, limit, new Date(now.getTime() + DELIVERY_LEASE_MS)],
        true,
      );
      return result.records as ClaimedDelivery[];
    });
  }

  private async attempt(d: ClaimedDelivery): Promise<AttemptOutcome> {
    const body = JSON.stringify({
      id: d.event_id,
      type: d.type,
      orgId: d.org_id,
      createdAt: new Date(d.created_at).toISOString(),
      data: d.payload,
    });
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Quartermaster-Webhooks/1',
      [EVENT_HEADER]: d.type,
      [DELIVERY_HEADER]: d.id,
      [SIGNATURE_HEADER]: signWebhookPayload(d.secret, body),
    };
    try {
      const status = await this.transport.post({ url: d.url, headers, body, timeoutMs: DELIVERY_TIMEOUT_MS });
      const ok = status >= 200 && status < 300;
      return { ok, statusCode: status, error: ok ? null : `HTTP ${status}` };
    } catch (error) {
      const failure = describeFailure(error);
      // The detail stays here; operators match it to the org's log by the delivery id.
      this.logger.warn(
        { deliveryId: d.id, orgId: d.org_id, url: d.url, err: error },
        `webhook attempt: ${failure.error}`,
      );
      return { ok: false, statusCode: null, ...failure };
    }
  }

  /** Writes the outcome; `status = 'pending'` keeps a late or duplicate writer from undoing a final state. */
  private async record(d: ClaimedDelivery, outcome: AttemptOutcome, claimedAt: Date): Promise<void> {
    const at = new Date(Math.max(Date.now(), claimedAt.getTime()));
    const attempts = d.attempts + 1;
    const error = outcome.error ? outcome.error.slice(0, MAX_ERROR_LENGTH) : null;
    try {
      if (outcome.ok) {
        await this.db.query(
          `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $2, last_attempt_at = $2,
                  last_status_code = $3, last_error = NULL, next_attempt_at = NULL
            WHERE id = $1 AND status = 'pending'`,
          [d.id, at, outcome.statusCode],
        );
      } else {
        const giveUp = outcome.final === true || attempts >= MAX_DELIVERY_ATTEMPTS;
        await this.db.query(
          `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, last_attempt_at = $3, last_status_code = $4,
                  last_error = $5, next_attempt_at = $6
            WHERE id = $1 AND status = 'pending'`,
          [
            d.id,
            giveUp ? 'failed' : 'pending',
            at,
            outcome.statusCode,
            error,
            giveUp ? null : new Date(at.getTime() + retryDelayMs(attempts)),
          ],
        );
        if (giveUp) this.logger.warn({ deliveryId: d.id, url: d.url, error }, 'webhook delivery failed for good');
      }
    } catch (err) {
      // The lease runs out and the delivery is sent again, with the same delivery id.
      this.logger.error({ err, deliveryId: d.id }, 'could not record a webhook attempt');
    }
  }
}
