import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { EqdkpImportRunDto, StartEqdkpImportDto } from './dto/import-run.dto';
import { DkpImportAdmin } from '../dkp-access';
import { DKP_IMPORT_RUNNING } from './import-problems';
import { auditableRequest } from './import-run-rules';
import { ImportRunsService } from './import-runs.service';

const EqdkpImportRunPageDto = PageOf(EqdkpImportRunDto);

@OrgContext('dkp')
@Controller('orgs/:org/dkp/imports')
export class ImportRunsController {
  constructor(private readonly runs: ImportRunsService) {}

  /**
   * Start an EQdkp Plus import into this org, run as a job (the CLI's importer). The connection
   * details are sealed into the job; follow the run at GET .../dkp/imports/{id}.
   */
  @Post()
  @HttpCode(202)
  @DkpImportAdmin()
  @ApiAcceptedResponse({ type: EqdkpImportRunDto })
  @ApiProblem(409, [DKP_IMPORT_RUNNING])
  startEqdkpImport(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: StartEqdkpImportDto,
    @Req() request: FastifyRequest,
  ): Promise<EqdkpImportRunDto> {
    // The audit entry is built from the raw body after the handler: keep the secrets out of it.
    request.body = auditableRequest(request.body as Record<string, unknown>);
    return this.runs.start(access, dto);
  }

  /** EQdkp imports of this org, newest first, keyset-paged (`limit`, `cursor`). */
  @Get()
  @DkpImportAdmin()
  @ApiOkResponse({ type: EqdkpImportRunPageDto })
  listEqdkpImports(@CurrentOrg() access: OrgAccess, @Query() q: CursorPageQueryDto): Promise<Page<EqdkpImportRunDto>> {
    return this.runs.list(access.org.id, q);
  }

  /** One EQdkp import: status, progress per table and, once it succeeded, its report. */
  @Get(':id')
  @DkpImportAdmin()
  @ApiOkResponse({ type: EqdkpImportRunDto })
  getEqdkpImport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<EqdkpImportRunDto> {
    return this.runs.get(access.org.id, id);
  }
}
