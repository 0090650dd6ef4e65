import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { BugReport } from './bug-report.entity';
import type { BugReportCategory, BugReportSeverity, BugReportStatus } from './bug-report-rules';

export interface BugReportFilter {
  status?: BugReportStatus;
  category?: BugReportCategory;
  severity?: BugReportSeverity;
}

/** The SQL of bug reports (`brokerage_bug_reports`). */
@Injectable()
export class BugReportsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, filter: BugReportFilter, page: { limit: number; cursor?: string }): Promise<BugReport[]> {
    const qb = this.db.getRepository(BugReport).createQueryBuilder('r').where('r.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.category) qb.andWhere('r.category = :category', { category: filter.category });
    if (filter.severity) qb.andWhere('r.severity = :severity', { severity: filter.severity });
    return newestFirst(qb, 'r.created_at', 'r.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<BugReport> {
    return findInOrg(this.managerOf(tx), BugReport, orgId, id, 'Bug report', { lock });
  }

  save(tx: EntityManager, report: BugReport): Promise<BugReport> {
    return tx.save(BugReport, report);
  }
}
