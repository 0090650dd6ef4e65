import { Column, Entity, Index } from 'typeorm';
import { OrgRecord } from '../common/org-record';

/**
 * One applied decay period of one pool. The unique index is what makes decay happen exactly
 * once per period, however many instances or re-runs race for it.
 */
@Entity('dkp_decay_runs')
@Index('uq_dkp_decay_runs_pool_period', ['poolId', 'periodStart'], { unique: true })
export class DecayRun extends OrgRecord {
  @Column('uuid')
  poolId: string;

  @Column('timestamptz')
  periodStart: Date;

  @Column('numeric', { precision: 5, scale: 2 })
  percent: string;

  @Column('int')
  entries: number;
}
