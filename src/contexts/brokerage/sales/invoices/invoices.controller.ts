import { Body, Get, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageAccounting, BrokerageRead, BrokerageWrite } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import {
  CreateCreditNoteDto,
  CreateInvoiceDto,
  CreateInvoiceFromSalesOrderDto,
  InvoiceDto,
  ListInvoicesQueryDto,
  UpdateInvoiceDto,
  VoidInvoiceDto,
} from './dto/invoice.dto';
import { InvoicesService } from './invoices.service';

const InvoicePageDto = PageOf(InvoiceDto);

@ApiTags('brokerage-invoices')
@BrokerageController()
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  /** Lists invoices and credit notes, newest first; filter by status, kind, customer, sales order or overdue. */
  @Get('invoices')
  @BrokerageRead()
  @ApiOkResponse({ type: InvoicePageDto })
  listBrokerageInvoices(@CurrentOrg() access: OrgAccess, @Query() q: ListInvoicesQueryDto): Promise<Page<InvoiceDto>> {
    return this.invoices.list(access.org.id, q);
  }

  /** Gets one invoice or credit note with its lines. */
  @Get('invoices/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: InvoiceDto })
  getBrokerageInvoice(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<InvoiceDto> {
    return this.invoices.get(access.org.id, id);
  }

  /** Drafts an invoice by hand; the server computes the totals. */
  @Post('invoices')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: InvoiceDto })
  createBrokerageInvoice(@CurrentOrg() access: OrgAccess, @Body() dto: CreateInvoiceDto): Promise<InvoiceDto> {
    return this.invoices.create(access, dto);
  }

  /** Drafts the invoice of a delivered sales order (its delivered weights); one live invoice per order. */
  @Post('invoices/from-sales-order')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: InvoiceDto })
  @ApiProblem(409, ['sales-order-not-delivered', 'already-invoiced'], 'Not delivered, or already invoiced')
  createBrokerageInvoiceFromSalesOrder(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateInvoiceFromSalesOrderDto,
  ): Promise<InvoiceDto> {
    return this.invoices.createFromSalesOrder(access, dto);
  }

  /** Changes a draft; issued invoices never change (correct them with a credit note). */
  @Patch('invoices/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblem(409, ['invoice-not-editable'], 'Not a draft')
  updateBrokerageInvoice(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateInvoiceDto,
  ): Promise<InvoiceDto> {
    return this.invoices.update(access, id, dto);
  }

  /**
   * Issues a draft (treasurer or officer): numbered from the org's gapless counter, dated, due per
   * the customer's terms, frozen; the PDF is rendered and stored.
   */
  @Post('invoices/:id/issue')
  @HttpCode(200)
  @BrokerageAccounting()
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblem(409, ['invalid-transition', 'credit-exceeds-outstanding'], 'Not a draft, or a credit past the balance')
  issueBrokerageInvoice(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<InvoiceDto> {
    return this.invoices.issue(access, id);
  }

  /** Voids an issued invoice nobody has paid, with a reason (treasurer or officer). */
  @Post('invoices/:id/void')
  @HttpCode(200)
  @BrokerageAccounting()
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblem(409, ['invalid-transition'], 'Not issued, or (partly) paid')
  voidBrokerageInvoice(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: VoidInvoiceDto,
  ): Promise<InvoiceDto> {
    return this.invoices.void(access, id, dto);
  }

  /** Cancels a draft. */
  @Post('invoices/:id/cancel')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblem(409, ['invalid-transition'], 'Not a draft')
  cancelBrokerageInvoice(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<InvoiceDto> {
    return this.invoices.cancel(access, id);
  }

  /** Drafts a credit note correcting an issued invoice (treasurer or officer); issuing it lowers what the invoice owes. */
  @Post('invoices/:id/credit-notes')
  @BrokerageAccounting()
  @ApiCreatedResponse({ type: InvoiceDto })
  @ApiProblem(409, ['invalid-transition'], 'The invoice is not open')
  createBrokerageCreditNote(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CreateCreditNoteDto,
  ): Promise<InvoiceDto> {
    return this.invoices.createCreditNote(access, id, dto);
  }

  /** The invoice's PDF: the one stored at issue (a draft renders marked DRAFT, unstored). */
  @Get('invoices/:id/pdf')
  @BrokerageRead()
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async getBrokerageInvoicePdf(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<StreamableFile> {
    const { stream, name } = await this.invoices.pdf(access, id);
    return new StreamableFile(stream, {
      type: 'application/pdf',
      disposition: `inline; filename="${name}"`,
    });
  }

  /** Mails an issued invoice to the customer's accounts-payable contact (treasurer or officer). */
  @Post('invoices/:id/send')
  @HttpCode(200)
  @BrokerageAccounting()
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblem(409, ['invoice-not-issued', 'no-recipient'], 'Not issued, or nobody to send it to')
  sendBrokerageInvoice(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<InvoiceDto> {
    return this.invoices.send(access, id);
  }
}
