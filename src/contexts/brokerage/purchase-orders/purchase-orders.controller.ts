import { Body, Get, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { BrokerageApprove, BrokerageRead, BrokerageWrite } from '../brokerage-access';
import { BrokerageController } from '../common/brokerage-controller.decorator';
import {
  CancelPurchaseOrderDto,
  CreatePurchaseOrderDto,
  ListPurchaseOrdersQueryDto,
  PurchaseOrderDto,
  ReceivePurchaseOrderDto,
  UpdatePurchaseOrderDto,
} from './dto/purchase-order.dto';
import { PurchaseOrderSentDto } from './dto/purchase-order-send.dto';
import { PurchaseOrdersService } from './purchase-orders.service';

const PurchaseOrderPageDto = PageOf(PurchaseOrderDto);
const ORDER_REFS = ['party-archived', 'insurance-expired', 'inactive-product'];

@ApiTags('brokerage-purchase-orders')
@BrokerageController()
export class PurchaseOrdersController {
  constructor(private readonly orders: PurchaseOrdersService) {}

  /** Lists purchase orders, newest first; filter by status or supplier. */
  @Get('purchase-orders')
  @BrokerageRead()
  @ApiOkResponse({ type: PurchaseOrderPageDto })
  listBrokeragePurchaseOrders(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListPurchaseOrdersQueryDto,
  ): Promise<Page<PurchaseOrderDto>> {
    return this.orders.list(access.org.id, q);
  }

  /** Gets one purchase order with its lines. */
  @Get('purchase-orders/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: PurchaseOrderDto })
  getBrokeragePurchaseOrder(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PurchaseOrderDto> {
    return this.orders.get(access.org.id, id);
  }

  /**
   * Drafts a purchase order with the org's next number; the server prices the lines. Requires an
   * Idempotency-Key: a retry with the same key returns the first order instead of a second one.
   */
  @Post('purchase-orders')
  @BrokerageWrite()
  @Idempotent({ required: true })
  @ApiCreatedResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, ORDER_REFS, 'A party is archived, the carrier uninsured, or a product inactive')
  createBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreatePurchaseOrderDto,
  ): Promise<PurchaseOrderDto> {
    return this.orders.create(access, dto);
  }

  /** Changes a draft (its creator, or an officer); `lines` replaces the lines. */
  @Patch('purchase-orders/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, [...ORDER_REFS, 'order-not-editable'], 'Not a draft, or a reference refused')
  updateBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePurchaseOrderDto,
  ): Promise<PurchaseOrderDto> {
    return this.orders.update(access, id, dto);
  }

  /** Sends a draft for approval (its creator, or an officer). */
  @Post('purchase-orders/:id/submit')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Not a draft')
  submitBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<PurchaseOrderDto> {
    return this.orders.submit(access, id);
  }

  /** Approves an order pending approval (officers; not their own unless the org allows it). */
  @Post('purchase-orders/:id/approve')
  @HttpCode(200)
  @BrokerageApprove()
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Not pending approval')
  approveBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<PurchaseOrderDto> {
    return this.orders.approve(access, id);
  }

  /** Records the load received: every line's cases and actual weight (catch weight re-prices the line). */
  @Post('purchase-orders/:id/receive')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Not approved')
  receiveBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ReceivePurchaseOrderDto,
  ): Promise<PurchaseOrderDto> {
    return this.orders.receive(access, id, dto);
  }

  /** Closes a received order (officers). */
  @Post('purchase-orders/:id/close')
  @HttpCode(200)
  @BrokerageApprove()
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Not received')
  closeBrokeragePurchaseOrder(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PurchaseOrderDto> {
    return this.orders.close(access, id);
  }

  /** Cancels an order not yet received, with a reason (officers any; members their own drafts). */
  @Post('purchase-orders/:id/cancel')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Already received, closed or cancelled')
  cancelBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CancelPurchaseOrderDto,
  ): Promise<PurchaseOrderDto> {
    return this.orders.cancel(access, id, dto);
  }

  /** Downloads the order as a PDF: the org's letterhead, the supplier, dates, plant, carrier and lines. */
  @Get('purchase-orders/:id/pdf')
  @BrokerageRead()
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The purchase order as a PDF', schema: { type: 'string', format: 'binary' } })
  async getBrokeragePurchaseOrderPdf(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const pdf = await this.orders.pdf(access, id);
    return new StreamableFile(pdf.bytes, {
      type: 'application/pdf',
      length: pdf.bytes.length,
      disposition: `inline; filename="${pdf.fileName}"`,
    });
  }

  /**
   * Mails an approved order's PDF to the supplier: the order's contact if linked to the supplier,
   * else the supplier's contact with an ordering role (sales, orders, purchasing), else the
   * supplier's email. An order may be sent again; an Idempotency-Key makes a retry send once.
   */
  @Post('purchase-orders/:id/send')
  @HttpCode(200)
  @BrokerageWrite()
  @Idempotent()
  @ApiOkResponse({ type: PurchaseOrderSentDto })
  @ApiProblem(409, ['order-not-sendable', 'no-supplier-contact'], 'Not approved, or nobody to mail it to')
  sendBrokeragePurchaseOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<PurchaseOrderSentDto> {
    return this.orders.send(access, id);
  }
}
