import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it reports (the transactional
 * outbox): it exists if and only if the change committed. A dispatcher later turns it into
 * webhook deliveries; `dispatchedAt` marks that step done.
 */
@Entity('outbox_events')
@Index('ix_outbox_events_pending', ['dispatchedAt', 'createdAt'])
@Index('ix_outbox_events_subject', ['orgId', 'subjectId', 'seq'], { where: 'subject_id IS NOT NULL' })
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

  /** The aggregate the event is about (see `DomainEvent.subjectId`); null when order does not matter. */
  @Column('varchar', { length: 100, nullable: true })
  subjectId: string | null;

  /**
   * Recording order. Taken from a sequence at insert, not `createdAt`: `now()` is the start of the
   * transaction (equal for events of one transaction, and earlier for a transaction that waited
   * on a lock), while the sequence follows the order of the inserts. A bigint, read as a string.
   */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'BY DEFAULT' })
  seq: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dispatchedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
