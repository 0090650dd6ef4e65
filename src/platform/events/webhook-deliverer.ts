import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withTransaction } from '../database/transactions';
import { JobScheduler } from '../jobs/job-scheduler';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookPayload } from './webhook-signature';
import { internalTargetReason } from './webhook-target-guard';

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
  error: string | null;
}

/**
 * Sends due webhook deliveries. A worker claims deliveries in a short transaction
 * (`FOR UPDATE SKIP LOCKED`, then pushes `next_attempt_at` one lease ahead), POSTs outside any
 * transaction, then records the outcome. If it dies in between, the lease runs out and another
 * attempt follows with the same `X-Quartermaster-Delivery` id: at-least-once delivery, which the
 * stable id turns into exactly-once for receivers that dedupe on it.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every('webhook-deliverer', INTERVAL_MS, async () => {
      while ((await this.deliverDue()).claimed === BATCH);
    });
  }

  /** Claims and sends up to `limit` deliveries due at `now`; returns how they went. */
  async deliverDue(now: Date = new Date(), limit = BATCH): Promise<{ claimed: number; delivered: number; failed: number }> {
    const claimed = await this.claim(now, limit);
    const outcomes = await Promise.all(claimed.map((d) => this.attempt(d).then((outcome) => this.record(d, outcome, now).then(() => outcome))));
    return { claimed: claimed.length, delivered: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok).length };
  }

  private claim(now: Date, limit: number): Promise<ClaimedDelivery[]> {
    return withTransaction(this.db, async (tx) => {
      const result = await tx.queryRunner!.query(
        `WITH due AS (
           SELECT d.id FROM webhook_deliveries d
             JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
            WHERE d.status = 'pending' AND d.next_attempt_at <= $1
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
    const body = JSON.stringify({ id: d.event_id, type: d.type, orgId: d.org_id, createdAt: new Date(d.created_at).toISOString(), data: d.payload });
    try {
      // In production, internal targets are refused (tests and local development post to localhost).
      const refused = this.config.isProduction ? await internalTargetReason(d.url) : null;
      if (refused) return { ok: false, statusCode: null, error: refused };
      const response = await fetch(d.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Quartermaster-Webhooks/1',
          [EVENT_HEADER]: d.type,
          [DELIVERY_HEADER]: d.id,
          [SIGNATURE_HEADER]: signWebhookPayload(d.secret, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      // The body is irrelevant; read a little and let the connection go.
      await response.body?.cancel().catch(() => undefined);
      return response.ok ? { ok: true, statusCode: response.status, error: null } : { ok: false, statusCode: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      const err = error as Error & { cause?: { code?: string; message?: string } };
      const detail = err.name === 'TimeoutError' ? `timed out after ${DELIVERY_TIMEOUT_MS / 1000} s` : [err.message, err.cause?.code ?? err.cause?.message].filter(Boolean).join(': ');
      return { ok: false, statusCode: null, error: detail || 'request failed' };
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
        const giveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
        await this.db.query(
          `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, last_attempt_at = $3, last_status_code = $4,
                  last_error = $5, next_attempt_at = $6
            WHERE id = $1 AND status = 'pending'`,
          [d.id, giveUp ? 'failed' : 'pending', at, outcome.statusCode, error, giveUp ? null : new Date(at.getTime() + retryDelayMs(attempts))],
        );
        if (giveUp) this.logger.warn({ deliveryId: d.id, url: d.url, error }, 'webhook delivery failed for good');
      }
    } catch (err) {
      // The lease runs out and the delivery is sent again, with the same delivery id.
      this.logger.error({ err, deliveryId: d.id }, 'could not record a webhook attempt');
    }
  }
}
