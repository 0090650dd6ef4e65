import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** pg-boss keeps its tables in this schema (its default). */
export const BOSS_SCHEMA = 'pgboss';

export interface QueueCounts {
  queue: string;
  /** Waiting to run: created, or failed once and waiting for a retry. */
  queued: number;
  active: number;
  /** Dead: failed on the last attempt. */
  failed: number;
}

export interface DeadJobRow {
  id: string;
  queue: string;
  attempts: number;
  error: string | null;
  payload: unknown;
  createdAt: Date;
  failedAt: Date | null;
}

/**
 * The SQL of the job queue that pg-boss does not offer: our per-period schedule claims, and the
 * admin's view of pg-boss's job table (counts by state, dead jobs).
 */
@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True when this caller claimed the period (the unique key makes every other claim a no-op). */
  async claimPeriod(tx: EntityManager, queue: string, period: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO job_schedule_claims (queue, period_start) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING queue`,
      [queue, period],
    );
    return rows.length === 1;
  }

  /** Claims older than this are no longer checked by any schedule: retention deletes them. */
  async purgeClaims(before: Date): Promise<number> {
    const [, count] = await this.db.query('DELETE FROM job_schedule_claims WHERE period_start < $1', [before]);
    return count;
  }

  async counts(queues: string[]): Promise<QueueCounts[]> {
    const rows: { queue: string; state: string; count: string }[] = await this.db.query(
      `SELECT name AS queue, state::text AS state, count(*) AS count
         FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1) AND state <> 'completed' GROUP BY 1, 2`,
      [queues],
    );
    return queues.map((queue) => {
      const of = (...states: string[]) =>
        rows.filter((r) => r.queue === queue && states.includes(r.state)).reduce((n, r) => n + Number(r.count), 0);
      return { queue, queued: of('created', 'retry'), active: of('active'), failed: of('failed') };
    });
  }

  /** The most recently failed dead jobs, newest first. */
  async deadJobs(queues: string[], limit: number): Promise<DeadJobRow[]> {
    return this.db.query(
      `SELECT id, name AS queue, retry_count + 1 AS attempts, output->>'message' AS error, data AS payload,
              created_on AS "createdAt", completed_on AS "failedAt"
         FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1) AND state = 'failed'
        ORDER BY completed_on DESC NULLS LAST, id LIMIT $2`,
      [queues, limit],
    );
  }

  async deadJobQueue(id: string): Promise<string | undefined> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM ${BOSS_SCHEMA}.job WHERE id = $1 AND state = 'failed'`,
      [id],
    );
    return rows[0]?.name;
  }

  /** Jobs waiting to run across all queues: the readiness line. */
  async depth(): Promise<number> {
    const rows: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM ${BOSS_SCHEMA}.job WHERE state IN ('created', 'retry')`,
    );
    return Number(rows[0].n);
  }
}
