import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Running totals per user and pool, updated in the same transaction as each ledger row so that
 * balance reads and leaderboards never scan the ledger. `npm run check:ledger` recomputes them.
 */
@Entity('dkp_balances')
@Index('ix_dkp_balances_leaderboard', ['orgId', 'poolId', 'balance', 'userId'])
export class Balance {
  @PrimaryColumn('uuid')
  orgId: string;

  @PrimaryColumn('uuid')
  poolId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  earned: string;

  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  spent: string;

  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  adjusted: string;

  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  decayed: string;

  /** earned - spent + adjusted - decayed */
  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  balance: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
