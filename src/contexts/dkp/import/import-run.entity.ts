import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { ReferencesUser } from '../../../platform/database/user-reference';
import type { ImportRunProgress, ImportRunStatus } from './import-run-rules';
import type { ImportReport } from './import-report';

/**
 * One EQdkp import requested through the API and run as a job: its status, its progress per
 * table and, when done, its report. The connection details are not here: they travel sealed in
 * the job's data only. At most one run per org is queued or running (the partial unique index),
 * since two runs writing the same org at once would each map the source to ids of their own.
 */
@Entity('dkp_import_runs')
@Index('ix_dkp_import_runs_org_created', ['orgId', 'createdAt', 'id'])
@Index('uq_dkp_import_runs_org_active', ['orgId'], { unique: true, where: `"status" IN ('queued', 'running')` })
@Check('ck_dkp_import_runs_status', `"status" IN ('queued', 'running', 'succeeded', 'failed')`)
@ReferencesUser('requestedByUserId', { onDelete: 'SET NULL' })
export class DkpImportRun extends OrgScopedEntity {
  @Column('varchar', { length: 16, default: 'queued' })
  status: ImportRunStatus;

  @Column('boolean', { default: false })
  dryRun: boolean;

  /** The EQdkp table prefix (not a secret; the connection details are). */
  @Column('varchar', { length: 48 })
  prefix: string;

  @Column('jsonb', { default: () => "'{}'" })
  progress: ImportRunProgress;

  /** The import's report (without the id maps), once it succeeded. */
  @Column('jsonb', { nullable: true })
  report: Omit<ImportReport, 'ids'> | null;

  /** Why it failed, with the password never in it. */
  @Column('varchar', { length: 2000, nullable: true })
  error: string | null;

  /** Who asked for it; null for bot keys and deleted accounts. */
  @Column('uuid', { nullable: true })
  requestedByUserId: string | null;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
