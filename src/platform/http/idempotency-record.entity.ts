import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outcome of one `Idempotency-Key`, per caller. A row is `pending` while the first request
 * runs; a retry then gets 409 instead of a second effect. Rows expire after a day.
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
