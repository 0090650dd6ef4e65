import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from './job-queue';
import { JobsRepository } from './jobs.repository';

/** Schedule claims are only compared with the current period: a week back is plenty. */
const CLAIMS_KEPT_DAYS = 7;
/** Delivered (or given-up) events stay this long, so their delivery log can be read. */
export const OUTBOX_RETENTION_DAYS = 30;

/**
 * Deletes what has outlived its purpose: idempotency records past their 24 h, and outbox events
 * (with their delivery log) that were dispatched over 30 days ago and have nothing left to
 * deliver, and schedule claims a week old. Plain deletes by time: safe to run twice. Hourly.
 */
@Injectable()
export class RetentionJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly claims: JobsRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: 'platform.retention',
      schedule: { cron: '0 * * * *' },
      retryLimit: 3,
      handler: async () => void (await this.purge(new Date())),
    });
  }

  async purge(now: Date): Promise<{ idempotencyRecords: number; outboxEvents: number; scheduleClaims: number }> {
    const [, idempotencyRecords] = await this.db.query('DELETE FROM idempotency_records WHERE expires_at < $1', [now]);
    const [, outboxEvents] = await this.db.query(
      `DELETE FROM outbox_events e
        WHERE e.dispatched_at < $1::timestamptz - make_interval(days => $2)
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`,
      [now, OUTBOX_RETENTION_DAYS],
    );
    const scheduleClaims = await this.claims.purgeClaims(new Date(now.getTime() - CLAIMS_KEPT_DAYS * 86_400_000));
    return { idempotencyRecords, outboxEvents, scheduleClaims };
  }
}
