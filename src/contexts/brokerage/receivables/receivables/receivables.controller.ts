import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageRead } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import {
  AgeingDto,
  AgeingQueryDto,
  ListReceivablesQueryDto,
  ReceivableDto,
  StatementDto,
  StatementQueryDto,
} from './dto/receivables.dto';
import { ageingCsv, ReceivablesService } from './receivables.service';

const ReceivablePageDto = PageOf(ReceivableDto);

@ApiTags('brokerage-receivables')
@BrokerageController()
export class ReceivablesController {
  constructor(private readonly receivables: ReceivablesService) {}

  /** Lists open invoices, soonest due first, with days overdue (in the org's time zone). */
  @Get('receivables')
  @BrokerageRead()
  @ApiOkResponse({ type: ReceivablePageDto })
  listBrokerageReceivables(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListReceivablesQueryDto,
  ): Promise<Page<ReceivableDto>> {
    return this.receivables.list(access.org.id, q);
  }

  /** Open amounts per customer and total in the buckets 0-30 … 121+ days, as JSON or (`format=csv`) CSV. */
  @Get('receivables/ageing')
  @BrokerageRead()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AgeingDto })
  async getBrokerageReceivablesAgeing(
    @CurrentOrg() access: OrgAccess,
    @Query() q: AgeingQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AgeingDto | string> {
    const ageing = await this.receivables.ageing(access.org.id, q);
    if (q.format !== 'csv') return ageing;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="ageing-${ageing.asOf}-${ageing.basis}.csv"`);
    return ageingCsv(ageing);
  }

  /** A customer's statement: invoices, credit notes, payments and reversals with a running balance. */
  @Get('customers/:id/statement')
  @BrokerageRead()
  @ApiOkResponse({ type: StatementDto })
  getBrokerageCustomerStatement(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: StatementQueryDto,
  ): Promise<StatementDto> {
    return this.receivables.statement(access.org.id, id, q);
  }
}
