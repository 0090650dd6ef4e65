import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DkpRepository } from '../common/dkp-repository';

/** The SQL of decay runs (`dkp_decay_runs`): one row per applied period of a pool. */
@Injectable()
export class DecayRepository extends DkpRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /**
   * Claims a period of a pool: returns the new run's id, or null when the period was claimed
   * already. The unique index on (pool, period) makes this exactly-once across instances.
   */
  async claimPeriod(
    tx: EntityManager,
    run: { orgId: string; poolId: string; periodStart: Date; percent: string },
  ): Promise<string | null> {
    const [claimed] = await tx.query(
      `INSERT INTO dkp_decay_runs (org_id, pool_id, period_start, percent, entries) VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (pool_id, period_start) DO NOTHING RETURNING id`,
      [run.orgId, run.poolId, run.periodStart, run.percent],
    );
    return claimed?.id ?? null;
  }

  async setEntries(tx: EntityManager, runId: string, entries: number): Promise<void> {
    await tx.query('UPDATE dkp_decay_runs SET entries = $2 WHERE id = $1', [runId, entries]);
  }
}
