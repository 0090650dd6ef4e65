import { Body, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageRead, BrokerageWrite } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import { BrokerageTriage } from '../support-access';
import { BugReportsService } from './bug-reports.service';
import { BugReportDto, CreateBugReportDto, ListBugReportsQueryDto, TriageBugReportDto } from './dto/bug-report.dto';

const BugReportPageDto = PageOf(BugReportDto);

@ApiTags('brokerage-bug-reports')
@BrokerageController()
export class BugReportsController {
  constructor(private readonly reports: BugReportsService) {}

  /** Lists bug reports, newest first; filter by status, category or severity. */
  @Get('bug-reports')
  @BrokerageRead()
  @ApiOkResponse({ type: BugReportPageDto })
  listBrokerageBugReports(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListBugReportsQueryDto,
  ): Promise<Page<BugReportDto>> {
    return this.reports.list(access.org.id, q);
  }

  /** Gets one bug report. */
  @Get('bug-reports/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: BugReportDto })
  getBrokerageBugReport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BugReportDto> {
    return this.reports.get(access.org.id, id);
  }

  /** Files a bug report, feature request, question or feedback as the caller. */
  @Post('bug-reports')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: BugReportDto })
  createBrokerageBugReport(@CurrentOrg() access: OrgAccess, @Body() dto: CreateBugReportDto): Promise<BugReportDto> {
    return this.reports.create(access, dto);
  }

  /** Triages a report: category, severity and notes (admins and developers). */
  @Patch('bug-reports/:id')
  @BrokerageTriage()
  @ApiOkResponse({ type: BugReportDto })
  triageBrokerageBugReport(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: TriageBugReportDto,
  ): Promise<BugReportDto> {
    return this.reports.triage(access.org.id, id, dto);
  }

  /** Starts work on a new report, or reopens a resolved one that is not fixed (→ in_progress). */
  @Post('bug-reports/:id/start')
  @HttpCode(200)
  @BrokerageTriage()
  @ApiOkResponse({ type: BugReportDto })
  @ApiProblem(409, ['invalid-transition'], 'Not new or resolved')
  startBrokerageBugReport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BugReportDto> {
    return this.reports.transition(access.org.id, id, 'start');
  }

  /** Marks a report in progress as resolved (sets resolvedAt). */
  @Post('bug-reports/:id/resolve')
  @HttpCode(200)
  @BrokerageTriage()
  @ApiOkResponse({ type: BugReportDto })
  @ApiProblem(409, ['invalid-transition'], 'Not in progress')
  resolveBrokerageBugReport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BugReportDto> {
    return this.reports.transition(access.org.id, id, 'resolve');
  }

  /** Closes a resolved report. */
  @Post('bug-reports/:id/close')
  @HttpCode(200)
  @BrokerageTriage()
  @ApiOkResponse({ type: BugReportDto })
  @ApiProblem(409, ['invalid-transition'], 'Not resolved')
  closeBrokerageBugReport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BugReportDto> {
    return this.reports.transition(access.org.id, id, 'close');
  }

  /** Declines a new or in-progress report (won't fix). */
  @Post('bug-reports/:id/wont-fix')
  @HttpCode(200)
  @BrokerageTriage()
  @ApiOkResponse({ type: BugReportDto })
  @ApiProblem(409, ['invalid-transition'], 'Already resolved, closed or declined')
  declineBrokerageBugReport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BugReportDto> {
    return this.reports.transition(access.org.id, id, 'wont-fix');
  }
}
