import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BugReport } from './bug-report.entity';
import { BUG_REPORT_ACTIONS, BUG_REPORT_LIFECYCLE, BugReportAction, resolvedAtAfter } from './bug-report-rules';
import { BugReportsRepository } from './bug-reports.repository';
import { BugReportDto, CreateBugReportDto, ListBugReportsQueryDto, TriageBugReportDto } from './dto/bug-report.dto';

function toBugReportDto(r: BugReport): BugReportDto {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    severity: r.severity,
    status: r.status,
    reporterId: r.reporterId,
    browser: r.browser,
    os: r.os,
    url: r.url,
    steps: r.steps,
    expected: r.expected,
    actual: r.actual,
    triageNotes: r.triageNotes,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Bug reports: members file them (`brokerage.bug_report.created`), admins and holders of the
 * `developer` grant triage them (category, severity, notes) and move them through their life
 * (see `BUG_REPORT_LIFECYCLE`). Every change commits with its audit entry.
 */
@Injectable()
export class BugReportsService {
  constructor(
    private readonly reports: BugReportsRepository,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListBugReportsQueryDto): Promise<Page<BugReportDto>> {
    const rows = await this.reports.page(orgId, { status: q.status, category: q.category, severity: q.severity }, q);
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), toBugReportDto);
  }

  async get(orgId: string, id: string): Promise<BugReportDto> {
    return toBugReportDto(await this.reports.load(orgId, id));
  }

  /** Files a report as the caller: `new`, severity medium unless given; announced. */
  create(access: OrgAccess, dto: CreateBugReportDto): Promise<BugReportDto> {
    const orgId = access.org.id;
    return this.reports.transaction(async (tx) => {
      const report = await this.reports.save(
        tx,
        tx.create(BugReport, {
          orgId,
          title: dto.title,
          description: dto.description,
          category: dto.category,
          severity: dto.severity ?? 'medium',
          status: 'new',
          reporterId: access.userId,
          browser: dto.browser ?? null,
          os: dto.os ?? null,
          url: dto.url ?? null,
          steps: dto.steps ?? null,
          expected: dto.expected ?? null,
          actual: dto.actual ?? null,
          triageNotes: '',
          resolvedAt: null,
        }),
      );
      const answer = await this.answer(tx, report);
      await this.events.record(tx, {
        orgId,
        type: 'brokerage.bug_report.created',
        subjectId: report.id,
        payload: { ...answer },
      });
      return answer;
    });
  }

  /** Triage: category, severity and notes, in any state. */
  triage(orgId: string, id: string, dto: TriageBugReportDto): Promise<BugReportDto> {
    return this.reports.transaction(async (tx) => {
      const report = await this.reports.load(orgId, id, tx, true);
      if (dto.category !== undefined) report.category = dto.category;
      if (dto.severity !== undefined) report.severity = dto.severity;
      if (dto.triageNotes !== undefined) report.triageNotes = dto.triageNotes;
      return this.answer(tx, await this.reports.save(tx, report));
    });
  }

  /** One move of the lifecycle (409 `invalid-transition` with `currentState` when not allowed). */
  transition(orgId: string, id: string, action: BugReportAction): Promise<BugReportDto> {
    const to = BUG_REPORT_ACTIONS[action];
    return this.reports.transaction(async (tx) => {
      const report = await this.reports.load(orgId, id, tx, true);
      BUG_REPORT_LIFECYCLE.assert(report.status, to);
      report.resolvedAt = resolvedAtAfter(to, report.resolvedAt, new Date());
      report.status = to;
      return this.answer(tx, await this.reports.save(tx, report));
    });
  }

  /** The audited answer. */
  private async answer(tx: EntityManager, report: BugReport): Promise<BugReportDto> {
    const dto = toBugReportDto(report);
    await this.audit.recordInTransaction(tx, dto);
    return dto;
  }
}
