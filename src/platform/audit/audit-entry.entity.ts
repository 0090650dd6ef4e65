import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of one mutation. Nothing updates or deletes these rows. */
@Entity('audit_log')
@Index('ix_audit_log_org_time', ['orgId', 'createdAt', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for actions outside any org (registration, profile changes). */
  @Column('uuid', { nullable: true })
  orgId: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  /** Set when the actor used an API key. */
  @Column('uuid', { nullable: true })
  actorApiKeyId: string | null;

  /** The operationId of the route, e.g. `updateMember`. */
  @Column('varchar', { length: 64 })
  action: string;

  @Column('varchar', { length: 64, nullable: true })
  targetType: string | null;

  @Column('varchar', { length: 64, nullable: true })
  targetId: string | null;

  /** Fields the request set, secrets redacted. */
  @Column('jsonb', { default: () => "'{}'" })
  changes: Record<string, unknown>;

  @Column('varchar', { length: 64 })
  requestId: string;

  @Column('smallint')
  status: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
