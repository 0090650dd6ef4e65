import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobScheduler } from './job-scheduler';

const EVERY_MS = 3_600_000;
/** Delivered (or given-up) events stay this long, so their delivery log can be read. */
export const OUTBOX_RETENTION_DAYS = 30;

/**
 * Deletes what has outlived its purpose: idempotency records past their 24 h, and outbox events
 * (with their delivery log) that were dispatched over 30 days ago and have nothing left to
 * deliver. Plain deletes by time: safe to run on every instance at once.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.every('retention', EVERY_MS, async () => void (await this.purge(new Date())));
  }

  async purge(now: Date): Promise<{ idempotencyRecords: number; outboxEvents: number }> {
    const [, idempotencyRecords] = await this.db.query('DELETE FROM idempotency_records WHERE expires_at < $1', [now]);
    const [, outboxEvents] = await this.db.query(
      `DELETE FROM outbox_events e
        WHERE e.dispatched_at < $1::timestamptz - make_interval(days => $2)
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`,
      [now, OUTBOX_RETENTION_DAYS],
    );
    return { idempotencyRecords, outboxEvents };
  }
}
