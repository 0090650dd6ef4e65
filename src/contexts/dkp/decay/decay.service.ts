import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../../platform/jobs/job-queue';
import { points } from '../common/points';
import { LedgerService, PostingContext } from '../points/ledger.service';
import { Pool } from '../pools/pool.entity';
import { PoolsService } from '../pools/pools.service';
import { DecayRepository } from './decay.repository';
import { DecayResultDto } from './dto/decay.dto';

const DAY_MS = 86_400_000;

/** Start of the period containing `at`, for periods of `days` aligned to the Unix epoch. */
export function periodStart(at: Date, days: number): Date {
  const length = days * DAY_MS;
  return new Date(Math.floor(at.getTime() / length) * length);
}

/**
 * Points decay: once per period, each positive balance of a pool loses `decayPercent` percent
 * (rounded to the hundredth, so never below zero). Claiming the period with a unique row in
 * the same transaction as the ledger rows makes it exactly-once across re-runs and instances.
 * Periods missed while nothing ran are not applied retroactively: downtime must not stack decay.
 */
@Injectable()
export class DecayService implements OnModuleInit {
  constructor(
    private readonly runs: DecayRepository,
    private readonly pools: PoolsService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
  ) {}

  /** Checked every 5 minutes: each pool's period is claimed once, so a check finds most already applied. */
  onModuleInit(): void {
    this.jobs.define({
      queue: 'dkp.decay',
      schedule: { cron: '*/5 * * * *' },
      handler: async () => void (await this.applyAllDue(new Date())),
    });
  }

  async applyAllDue(now: Date): Promise<DecayResultDto[]> {
    const results: DecayResultDto[] = [];
    for (const pool of await this.pools.withDecay()) results.push(await this.applyDue(pool, now, null));
    return results;
  }

  /** The admin's "decay now" for one pool of the org: the current period, if not applied yet. */
  async runNow(posting: PostingContext, poolId: string): Promise<DecayResultDto> {
    const pool = await this.pools.get(posting.orgId, poolId);
    return this.applyDue(pool, new Date(), posting.actorUserId);
  }

  async applyDue(pool: Pool, now: Date, actorUserId: string | null): Promise<DecayResultDto> {
    const start = periodStart(now, pool.decayPeriodDays);
    const skipped = { poolId: pool.id, periodStart: start, applied: false, entries: 0, totalDecayed: '0.00' };
    if (Number(pool.decayPercent) <= 0) return skipped;
    return this.runs.transaction(async (tx) => {
      const runId = await this.runs.claimPeriod(tx, {
        orgId: pool.orgId,
        poolId: pool.id,
        periodStart: start,
        percent: pool.decayPercent,
      });
      if (!runId) return skipped;
      const reason = `Decay ${points(pool.decayPercent)}% for period from ${start.toISOString().slice(0, 10)}`;
      const decayed = await this.ledger.postDecay(tx, {
        orgId: pool.orgId,
        poolId: pool.id,
        percent: pool.decayPercent,
        reason,
        actorUserId,
      });
      await this.runs.setEntries(tx, runId, decayed.entries);
      return { poolId: pool.id, periodStart: start, applied: true, ...decayed };
    });
  }
}
