import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { assertValidSchedule, currentPeriod } from './cron-period';
import { JOB_DEFAULTS, JobDefinition, ScheduledPayload } from './job-definition';
import { JobsRepository } from './jobs.repository';
import { DataSourceBossDb, transactionDb } from './pg-boss-db';

/** Dead (failed) jobs stay listed for the admins this long before pg-boss archives them. */
const FAILED_KEPT_SECONDS = 30 * 86_400;

export interface EnqueueOptions {
  /** Not before this time (a reminder, a session's end). */
  startAfter?: Date;
}

/**
 * Durable jobs on pg-boss: named queues, retries with exponential backoff, a dead state
 * (`failed`, after the last retry), cron schedules claimed once per period across instances,
 * and `enqueue` inside the caller's transaction. Every instance can enqueue; only instances with
 * `JOBS_ENABLED` run workers and the schedule check. Tests call `runDue()` and `drain()` instead
 * of waiting for either.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private readonly created = new Map<string, Promise<void>>();
  private readonly boss: PgBoss;
  private readonly bossDb: DataSourceBossDb;
  private started?: Promise<void>;
  private ticker?: NodeJS.Timeout;
  /** Set when the app shuts down: a job fetched from then on is handed back, not run. */
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsRepository,
  ) {
    this.bossDb = new DataSourceBossDb(db);
    this.boss = new PgBoss({
      db: this.bossDb,
      // Cron is ours (claimed per period, see runDue); pg-boss's maintenance runs with the workers.
      schedule: false,
      supervise: config.JOBS_ENABLED,
      archiveFailedAfterSeconds: FAILED_KEPT_SECONDS,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Declares a queue; call it from `onModuleInit` so the queue exists before the app starts. */
  define<Payload extends object>(definition: JobDefinition<Payload>): void {
    if (this.definitions.has(definition.queue)) throw new Error(`Job queue ${definition.queue} defined twice`);
    if (definition.schedule) assertValidSchedule(definition.schedule);
    this.definitions.set(definition.queue, definition);
  }

  get queues(): string[] {
    return [...this.definitions.keys()];
  }

  onApplicationBootstrap(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  /**
   * Stops taking jobs, lets running handlers finish, then detaches pg-boss from the pool before the
   * app closes it (see DataSourceBossDb.close).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.ticker);
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    await Promise.allSettled([...this.running]);
    await this.bossDb.close();
  }

  private async start(): Promise<void> {
    await this.boss.start();
    for (const definition of this.definitions.values()) await this.queueReady(definition);
    if (!this.config.JOBS_ENABLED) return;
    for (const definition of this.definitions.values()) await this.work(definition);
    const check = () => void this.runDue().catch((error) => this.logger.error({ err: error }, 'schedule check failed'));
    this.ticker = setInterval(check, this.config.JOBS_SCHEDULE_CHECK_SECONDS * 1000);
    this.ticker.unref();
    setImmediate(check);
  }

  /** Creates the queue once per process (pg-boss's createQueue is a no-op for an existing queue). */
  private queueReady(definition: JobDefinition<never>): Promise<void> {
    let created = this.created.get(definition.queue);
    if (!created) {
      const options = { name: definition.queue, ...retryOptions(definition) };
      created = retryingDeadlocks(() => this.boss.createQueue(definition.queue, options));
      // A failed creation is not remembered: the next caller tries again.
      created.catch(() => this.created.delete(definition.queue));
      this.created.set(definition.queue, created);
    }
    return created;
  }

  private async work(definition: JobDefinition<never>): Promise<void> {
    const options = {
      batchSize: 1,
      pollingIntervalSeconds: this.config.JOBS_POLL_INTERVAL_SECONDS,
      includeMetadata: true as const,
    };
    await this.boss.work<object>(definition.queue, options, async ([job]) => {
      // Fetched while shutting down: fail it back to its queue (retried later) rather than run it.
      if (this.stopping) throw new Error('The job queue is shutting down');
      const run = this.attempt(definition, job);
      this.running.add(run);
      try {
        return await run;
      } finally {
        this.running.delete(run);
      }
    });
  }

  /**
   * One attempt of a job. When it fails and no retry is left (pg-boss then marks it dead), the
   * definition's `onDead` runs first; the error is thrown on for pg-boss to record either way.
   */
  private async attempt(definition: JobDefinition<never>, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    try {
      await definition.handler(job.data as never);
    } catch (error) {
      if (definition.onDead && job.retryCount >= job.retryLimit) {
        const cause = error instanceof Error ? error : new Error(String(error));
        await definition
          .onDead(job.data as never, cause)
          .catch((hookError: unknown) =>
            this.logger.error(
              { err: hookError, queue: definition.queue, jobId: job.id },
              'onDead of a dead job failed',
            ),
          );
      }
      throw error;
    }
  }

  /** Queues a job in the caller's transaction: it exists if and only if the transaction commits. */
  async enqueue<Payload extends object>(
    tx: EntityManager,
    queue: string,
    payload: Payload,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const definition = this.definitionOf(queue);
    // Never creates the queue here: that needs a connection of its own, and the embedded
    // database has one, held by this transaction. Queues are created at startup (or by `ready`).
    const created = this.created.get(queue);
    if (!created) throw new Error(`Job queue ${queue} is not created yet: await ready() after a late define()`);
    await created;
    const id = await this.boss.send(queue, payload, {
      ...retryOptions(definition),
      ...options,
      db: transactionDb(tx),
    } as PgBoss.SendOptions);
    if (!id) throw new Error(`Job not queued on ${queue}`);
    return id;
  }

  /**
   * Claims the current period of every schedule and queues its job, in one transaction, so each
   * period is queued once whichever instances check it. A period missed while no instance ran is
   * queued at the next check (only the latest one: downtime does not stack runs). Returns the
   * queues it claimed a period for.
   */
  async runDue(now = new Date()): Promise<string[]> {
    await this.onApplicationBootstrap();
    const claimed: string[] = [];
    for (const definition of this.definitions.values()) {
      if (!definition.schedule) continue;
      const period = currentPeriod(definition.schedule, now);
      await this.queueReady(definition);
      const won = await this.db.transaction(async (tx) => {
        if (!(await this.jobs.claimPeriod(tx, definition.queue, period))) return false;
        await this.enqueue<ScheduledPayload>(tx, definition.queue, { period: period.toISOString() });
        return true;
      });
      if (won) claimed.push(definition.queue);
    }
    return claimed;
  }

  /**
   * Runs every job that is ready now, one at a time, until none is left (tests, CLI). A failed
   * job goes back to `retry` with its backoff (so it is not run again here) or dies.
   */
  async drain(queues: string[] = this.queues): Promise<{ completed: number; failed: number }> {
    await this.onApplicationBootstrap();
    const counts = { completed: 0, failed: 0 };
    for (const queue of queues) {
      const definition = await this.ready(queue);
      const fetch = () => this.boss.fetch<object>(queue, { includeMetadata: true });
      for (let [job] = await fetch(); job; [job] = await fetch()) {
        try {
          await this.attempt(definition, job);
          await this.boss.complete(queue, job.id);
          counts.completed += 1;
        } catch (error) {
          await this.boss.fail(queue, job.id, { message: (error as Error).message });
          counts.failed += 1;
        }
      }
    }
    return counts;
  }

  /** Puts a dead job back in its queue with one more attempt. False when no dead job has that id. */
  async retry(id: string): Promise<boolean> {
    const queue = await this.jobs.deadJobQueue(id);
    if (!queue) return false;
    await this.boss.retry(queue, id);
    return true;
  }

  /** The queue's definition, once pg-boss and the queue exist (for a queue defined after startup). */
  async ready(queue: string): Promise<JobDefinition<never>> {
    const definition = this.definitionOf(queue);
    await this.onApplicationBootstrap();
    await this.queueReady(definition);
    return definition;
  }

  private definitionOf(queue: string): JobDefinition<never> {
    const definition = this.definitions.get(queue);
    if (!definition) throw new Error(`Unknown job queue ${queue}`);
    return definition;
  }
}

function retryOptions(definition: JobDefinition<never>): PgBoss.RetryOptions & PgBoss.ExpirationOptions {
  return {
    retryLimit: definition.retryLimit ?? JOB_DEFAULTS.retryLimit,
    retryDelay: definition.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: definition.expireInSeconds ?? JOB_DEFAULTS.expireInSeconds,
  };
}

/**
 * Instances starting together create the same queues at once, and pg-boss's creation (a partition
 * table per queue) can then deadlock in PostgreSQL. Creation is idempotent, so the loser of a
 * deadlock simply tries again after a short, jittered pause.
 */
async function retryingDeadlocks<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).code;
      const driverCode = (error as { driverError?: { code?: string } }).driverError?.code;
      if (i >= tries || (code ?? driverCode) !== '40P01') throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * i + Math.random() * 50));
    }
  }
}
