import type { CronSchedule } from './cron-period';

/** A named queue and what runs its jobs. Handlers must be idempotent: a job may run again after a crash. */
export interface JobDefinition<Payload extends object = object> {
  /** Queue name, `<context>.<job>` (e.g. `dkp.decay`). */
  queue: string;
  handler: (payload: Payload) => Promise<void>;
  /** Retries after the first failure before the job is dead (state `failed`). Default 5. */
  retryLimit?: number;
  /** Delay before the first retry; doubled on each further retry. Default 30 s. */
  retryDelaySeconds?: number;
  /** A job running longer than this is failed (and retried). Default 15 min. */
  expireInSeconds?: number;
  /**
   * Runs once when an attempt fails and no retry is left (the job is then dead, `failed`, until an
   * admin retries it), with that attempt's error: lets the context settle what the job left
   * mid-way, e.g. a document still marked as being read. Its own failure is logged, not retried.
   */
  onDead?: (payload: Payload, error: Error) => Promise<void>;
  /** Enqueue one job per period of this schedule, across all instances. */
  schedule?: CronSchedule;
}

/** The payload of a scheduled job: the period it runs for. */
export interface ScheduledPayload {
  period: string;
}

export const JOB_DEFAULTS = { retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 900 } as const;
