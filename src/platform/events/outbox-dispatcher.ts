import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTransaction } from '../database/transactions';
import { JobScheduler } from '../jobs/job-scheduler';
import { eventTypeMatchesSql } from './webhook-event-types';

const BATCH = 100;
const INTERVAL_MS = 1000;

/**
 * Turns committed outbox events into webhook deliveries: one per matching active subscription
 * of the event's org. Safe with many instances and with crashes: events are claimed with
 * `FOR UPDATE SKIP LOCKED` (two dispatchers never take the same event), the deliveries and the
 * `dispatched_at` mark are written in that same transaction (a crash undoes both), and the
 * unique (subscription, event) pair with `ON CONFLICT DO NOTHING` makes a repeat harmless.
 * Two dispatchers may commit their batches in either order; the deliverer restores the order
 * of events about one subject (it waits for undispatched earlier events).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every('outbox-dispatcher', INTERVAL_MS, async () => {
      // Drain the backlog, one batch per transaction.
      while ((await this.dispatchBatch()).events === BATCH);
    });
  }

  /** Dispatches up to `limit` undispatched events, oldest first. */
  async dispatchBatch(limit = BATCH, now: Date = new Date()): Promise<{ events: number; deliveries: number }> {
    return withTransaction(this.db, async (tx) => {
      const events: { id: string }[] = await tx.query(
        `SELECT id FROM outbox_events WHERE dispatched_at IS NULL
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!events.length) return { events: 0, deliveries: 0 };
      const ids = events.map((e) => e.id);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO webhook_deliveries (org_id, subscription_id, event_id, event_type, status, attempts, next_attempt_at)
         SELECT e.org_id, s.id, e.id, e.type, 'pending', 0, $2
           FROM outbox_events e
           JOIN webhook_subscriptions s ON s.org_id = e.org_id AND s.active
          WHERE e.id = ANY($1::uuid[]) AND ${eventTypeMatchesSql('s', 'e.type')}
         ON CONFLICT (subscription_id, event_id) DO NOTHING
         RETURNING id`,
        [ids, now],
      );
      await tx.query(`UPDATE outbox_events SET dispatched_at = $2 WHERE id = ANY($1::uuid[])`, [ids, now]);
      return { events: events.length, deliveries: inserted.length };
    });
  }
}
