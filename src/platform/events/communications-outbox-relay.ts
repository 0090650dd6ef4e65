import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommunicationsStore } from '../database/communications-data-source';
import { withTransaction } from '../database/transactions';
import { JobScheduler } from '../jobs/job-scheduler';

const BATCH = 100;
const INTERVAL_MS = 1000;
/** Relayed events stay in the communications outbox this long (the main outbox has them too). */
const KEEP_RELAYED_DAYS = 7;

interface StoredEvent {
  id: string;
  orgId: string;
  type: string;
  payload: Record<string, unknown>;
  subjectId: string | null;
  createdAt: Date;
}

/**
 * Hands the events of a separate communications database (COMMUNICATIONS_DATABASE_URL) to the main
 * outbox, from where the OutboxDispatcher turns them into webhook deliveries like any other event.
 * Events are claimed in the store with `FOR UPDATE SKIP LOCKED` (two instances never take the same
 * ones), copied to the main outbox under their own id with `ON CONFLICT DO NOTHING`, then marked
 * `dispatched_at` in the store. A crash between the two commits copies them again, harmlessly. They
 * are copied in recording order (`seq`), so the main outbox keeps the order of events about one
 * subject. With no separate database the store's events are already in the main outbox.
 */
@Injectable()
export class CommunicationsOutboxRelay implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: CommunicationsStore,
    private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.store.separate) return;
    this.jobs.every('communications-outbox-relay', INTERVAL_MS, async () => {
      while ((await this.relayBatch()) === BATCH);
    });
  }

  /** Relays up to `limit` unrelayed events, oldest first; returns how many. */
  async relayBatch(limit = BATCH): Promise<number> {
    if (!this.store.separate) return 0;
    return withTransaction(
      this.store.dataSource,
      async (tx) => {
        const events: StoredEvent[] = await tx.query(
          `SELECT id, org_id AS "orgId", type, payload, subject_id AS "subjectId", created_at AS "createdAt"
             FROM outbox_events WHERE dispatched_at IS NULL
            ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
        if (!events.length) return 0;
        await this.copyToMainOutbox(events);
        await tx.query(`UPDATE outbox_events SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [
          events.map((e) => e.id),
        ]);
        await tx.query(`DELETE FROM outbox_events WHERE dispatched_at < now() - make_interval(days => $1)`, [
          KEEP_RELAYED_DAYS,
        ]);
        return events.length;
      },
      { confirmClaim: false },
    );
  }

  private async copyToMainOutbox(events: StoredEvent[]): Promise<void> {
    await withTransaction(
      this.db,
      (tx) =>
        tx.query(
          `INSERT INTO outbox_events (id, org_id, type, payload, subject_id, created_at)
           SELECT e.id, e.org_id, e.type, e.payload, e.subject_id, e.created_at
             FROM jsonb_to_recordset($1::jsonb)
                  AS e(id uuid, org_id uuid, type varchar, payload jsonb, subject_id varchar, created_at timestamptz, ord int)
            ORDER BY e.ord
           ON CONFLICT (id) DO NOTHING`,
          [
            JSON.stringify(
              events.map((e, ord) => ({
                id: e.id,
                org_id: e.orgId,
                type: e.type,
                payload: e.payload,
                subject_id: e.subjectId,
                created_at: e.createdAt,
                ord,
              })),
            ),
          ],
        ),
      { confirmClaim: false },
    );
  }
}
