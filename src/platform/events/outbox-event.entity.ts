import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it reports (the transactional
 * outbox): it exists if and only if the change committed. A dispatcher later turns it into
 * webhook deliveries; `dispatchedAt` marks that step done.
 */
@Entity('outbox_events')
@Index('ix_outbox_events_pending', ['dispatchedAt', 'createdAt'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  /** Dotted name, e.g. `dkp.member.rank_changed`. */
  @Column('varchar', { length: 100 })
  type: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
