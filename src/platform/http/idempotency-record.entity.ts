import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outcome of one `Idempotency-Key`, per caller. A row is pending (no response) while a
 * request holds its claim: `ownerToken` names that attempt and `leaseUntil` says how long the
 * claim stands; a retry gets 409 until the lease lapses, then takes the claim over. The business
 * transaction records `committedAt` and its result in `transactionResults` with its effect, so a
 * retry after a crash replays the committed transaction instead of running it again, and the
 * handler's remaining (read-only) work rebuilds the answer. Rows expire after a day.
 */
@Entity('idempotency_records')
@Index('uq_idempotency_scope_key', ['scope', 'key'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Who sent it: `user:<id>` or `key:<id>`, so keys never collide across callers. */
  @Column('varchar', { length: 64 })
  scope: string;

  @Column('varchar', { length: 255 })
  key: string;

  /** `METHOD route` the key was first used on. */
  @Column('varchar', { length: 300 })
  operation: string;

  /** SHA-256 of the canonical request (operation, path, body). */
  @Column('varchar', { length: 64 })
  requestHash: string;

  /** The attempt holding the claim; a takeover replaces it, so the old attempt can no longer commit. */
  @Column('uuid', { nullable: true })
  ownerToken: string | null;

  /** Until when the claim's holder is presumed alive (null on rows written before leases existed). */
  @Column('timestamptz', { nullable: true })
  leaseUntil: Date | null;

  /** When the business effect committed (in the same transaction as the effect). */
  @Column('timestamptz', { nullable: true })
  committedAt: Date | null;

  /**
   * Results of the request's committed transactions, in order, until the response is stored: a
   * retry that takes over a committed claim gets these back instead of running them again.
   */
  @Column('jsonb', { nullable: true })
  transactionResults: unknown[] | null;

  @Column('smallint', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @Index('ix_idempotency_expires')
  @Column('timestamptz')
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
