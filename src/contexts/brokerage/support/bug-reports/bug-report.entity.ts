import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { BugReportCategory, BugReportSeverity, BugReportStatus } from './bug-report-rules';

/** A bug, feature request, question or feedback filed by a member, triaged by admins or developers. */
@Entity('brokerage_bug_reports')
@Index('ix_brokerage_bug_reports_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_brokerage_bug_reports_org_status', ['orgId', 'status', 'createdAt'])
@Check('chk_brokerage_bug_reports_status', `"status" IN ('new', 'in_progress', 'resolved', 'closed', 'wont_fix')`)
@Check('chk_brokerage_bug_reports_category', `"category" IN ('bug', 'feature_request', 'question', 'feedback')`)
@Check('chk_brokerage_bug_reports_severity', `"severity" IN ('low', 'medium', 'high', 'critical')`)
export class BugReport extends OrgScopedEntity {
  @Column('varchar', { length: 200 })
  title: string;

  @Column('text')
  description: string;

  @Column('varchar', { length: 20 })
  category: BugReportCategory;

  @Column('varchar', { length: 10, default: 'medium' })
  severity: BugReportSeverity;

  @Column('varchar', { length: 16, default: 'new' })
  status: BugReportStatus;

  /** The user who filed it (null when a bot key did). */
  @Column('uuid', { nullable: true })
  reporterId: string | null;

  @Column('varchar', { length: 200, nullable: true })
  browser: string | null;

  @Column('varchar', { length: 200, nullable: true })
  os: string | null;

  /** The page the reporter was on. */
  @Column('varchar', { length: 2000, nullable: true })
  url: string | null;

  /** Steps to reproduce. */
  @Column('text', { nullable: true })
  steps: string | null;

  @Column('text', { nullable: true })
  expected: string | null;

  @Column('text', { nullable: true })
  actual: string | null;

  /** The triager's notes (admins and developers). */
  @Column('text', { default: '' })
  triageNotes: string;

  /** When it was last resolved; cleared when it goes back to work or is declined. */
  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;
}
