import { Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { contentDisposition } from '../../../../platform/files/file.mapper';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { BrokerageSettings } from '../../brokerage-access';
import { BROKERAGE_PATH } from '../../common/brokerage-controller.decorator';
import { EXPORT_NOT_READY } from '../insights-problems';
import { BrokerageExportDto } from './dto/export.dto';
import { ExportsService } from './exports.service';

const BrokerageExportPageDto = PageOf(BrokerageExportDto);

/**
 * The org's data exports (admins). Not behind the trial guard: an org whose trial ended can still
 * take its data with it.
 */
@ApiTags('brokerage-exports')
@OrgContext('brokerage')
@Controller(BROKERAGE_PATH)
export class BrokerageExportsController {
  constructor(private readonly exports: ExportsService) {}

  /**
   * Exports the brokerage's records (suppliers, customers, products, purchase and sales orders with
   * their lines, invoices, payments, and the orders' history from the audit log) as a ZIP of CSVs,
   * written by a job: follow it at GET .../exports/{id}. While an export is queued or running,
   * asking again answers with that one.
   */
  @Post('exports')
  @HttpCode(202)
  @BrokerageSettings()
  @Idempotent()
  @ApiAcceptedResponse({ type: BrokerageExportDto })
  async startBrokerageExport(@CurrentOrg() access: OrgAccess): Promise<BrokerageExportDto> {
    return (await this.exports.request(access)).export;
  }

  /** The org's exports, newest first, keyset-paged (`limit`, `cursor`). */
  @Get('exports')
  @BrokerageSettings()
  @ApiOkResponse({ type: BrokerageExportPageDto })
  listBrokerageExports(
    @CurrentOrg() access: OrgAccess,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<BrokerageExportDto>> {
    return this.exports.list(access, q);
  }

  /** One export: its status and, once completed, the stored file, its download link and the rows per CSV. */
  @Get('exports/:id')
  @BrokerageSettings()
  @ApiOkResponse({ type: BrokerageExportDto })
  getBrokerageExport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<BrokerageExportDto> {
    return this.exports.get(access, id);
  }

  /** Downloads a completed export's ZIP (from the platform's file storage). */
  @Get('exports/:id/download')
  @BrokerageSettings()
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The export as a ZIP of CSV files', schema: { type: 'string', format: 'binary' } })
  @ApiProblem(409, [EXPORT_NOT_READY], 'The export is not completed')
  async downloadBrokerageExport(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<StreamableFile> {
    const { file, stream } = await this.exports.download(access.org.id, id);
    return new StreamableFile(stream, {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: contentDisposition(file.declaredName),
    });
  }
}
