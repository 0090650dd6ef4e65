import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { withTransaction } from '../../../platform/database/transactions';
import { JobScheduler } from '../../../platform/jobs/job-scheduler';
import { points } from '../common/points';
import { LedgerService } from '../points/ledger.service';
import { Pool } from '../pools/pool.entity';
import { DecayResultDto } from './decay.dto';

const DAY_MS = 86_400_000;
const CHECK_EVERY_MS = 60_000;

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
export class DecayService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly scheduler: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.every('dkp-decay', CHECK_EVERY_MS, async () => void (await this.applyAllDue(new Date())));
  }

  async applyAllDue(now: Date): Promise<DecayResultDto[]> {
    const pools = await this.db.getRepository(Pool).find({ where: { decayPercent: MoreThan('0') } });
    const results: DecayResultDto[] = [];
    for (const pool of pools) results.push(await this.applyDue(pool, now, null));
    return results;
  }

  async applyDue(pool: Pool, now: Date, actorUserId: string | null): Promise<DecayResultDto> {
    const start = periodStart(now, pool.decayPeriodDays);
    const skipped = { poolId: pool.id, periodStart: start, applied: false, entries: 0, totalDecayed: '0.00' };
    if (Number(pool.decayPercent) <= 0) return skipped;
    return withTransaction(this.db, async (tx) => {
      const [claimed] = await tx.query(
        `INSERT INTO dkp_decay_runs (org_id, pool_id, period_start, percent, entries) VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (pool_id, period_start) DO NOTHING RETURNING id`,
        [pool.orgId, pool.id, start, pool.decayPercent],
      );
      if (!claimed) return skipped;
      const entries: { id: string; amount: string }[] = await tx.query(
        `INSERT INTO dkp_ledger (org_id, pool_id, user_id, kind, bucket, amount, reason, actor_user_id, source)
         SELECT org_id, pool_id, user_id, 'decay', 'decayed', -round(balance * $3 / 100, 2), $4, $5, 'job'
           FROM dkp_balances
          WHERE org_id = $1 AND pool_id = $2 AND round(balance * $3 / 100, 2) > 0
          ORDER BY user_id
         RETURNING id, amount`,
        [pool.orgId, pool.id, pool.decayPercent, `Decay ${points(pool.decayPercent)}% for period from ${start.toISOString().slice(0, 10)}`, actorUserId],
      );
      await this.ledger.applyToBalances(tx, 'id = ANY($1::uuid[])', [entries.map((e) => e.id)]);
      await tx.query('UPDATE dkp_decay_runs SET entries = $2 WHERE id = $1', [claimed.id, entries.length]);
      const total = entries.reduce((sum, e) => sum - Math.round(Number(e.amount) * 100), 0);
      return { poolId: pool.id, periodStart: start, applied: true, entries: entries.length, totalDecayed: (total / 100).toFixed(2) };
    });
  }
}
