import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One applied decay period of one pool. The unique index is what makes decay happen exactly
 * once per period, however many instances or re-runs race for it.
 */
@Entity('dkp_decay_runs')
@Index('uq_dkp_decay_runs_pool_period', ['poolId', 'periodStart'], { unique: true })
export class DecayRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  @Column('uuid')
  poolId: string;

  @Column('timestamptz')
  periodStart: Date;

  @Column('numeric', { precision: 5, scale: 2 })
  percent: string;

  @Column('int')
  entries: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
