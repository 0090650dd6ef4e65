import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { ExportStatus } from './export-rules';

/**
 * One data export of the org: a job writes the brokerage's records as CSVs into a ZIP and stores
 * it with the platform's file storage (`fileId`, no foreign key into platform tables). At most one
 * run per org is queued or running (the partial unique index): asking again returns that one.
 */
@Entity('brokerage_export_runs')
@Index('ix_brokerage_export_runs_org_created', ['orgId', 'createdAt', 'id'])
@Index('uq_brokerage_export_runs_org_active', ['orgId'], { unique: true, where: `"status" IN ('queued', 'running')` })
@Check('chk_brokerage_export_runs_status', `"status" IN ('queued', 'running', 'completed', 'failed')`)
export class BrokerageExportRun extends OrgScopedEntity {
  @Column('varchar', { length: 16, default: 'queued' })
  status: ExportStatus;

  /** The user who asked for it (null for a bot key). */
  @Column('uuid', { nullable: true })
  requestedById: string | null;

  /** The ZIP in the platform's file storage, once completed. */
  @Column('uuid', { nullable: true })
  fileId: string | null;

  @Column('integer', { nullable: true })
  sizeBytes: number | null;

  /** Rows written per CSV file, once completed. */
  @Column('jsonb', { nullable: true })
  counts: Record<string, number> | null;

  /** Why it failed. */
  @Column('varchar', { length: 2000, nullable: true })
  error: string | null;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
