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
import {
  CancelSalesOrderDto,
  ConfirmSalesOrderDto,
  CreateSalesOrderDto,
  DeliverSalesOrderDto,
  ListSalesOrdersQueryDto,
  SalesOrderDto,
  UpdateSalesOrderDto,
} from './dto/sales-order.dto';
import { SalesOrdersService } from './sales-orders.service';

const SalesOrderPageDto = PageOf(SalesOrderDto);
const ORDER_REFS = ['party-archived', 'insurance-expired', 'inactive-product'];

@ApiTags('brokerage-sales-orders')
@BrokerageController()
export class SalesOrdersController {
  constructor(private readonly orders: SalesOrdersService) {}

  /** Lists sales orders, newest first; filter by status or customer. */
  @Get('sales-orders')
  @BrokerageRead()
  @ApiOkResponse({ type: SalesOrderPageDto })
  listBrokerageSalesOrders(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListSalesOrdersQueryDto,
  ): Promise<Page<SalesOrderDto>> {
    return this.orders.list(access.org.id, q);
  }

  /** Gets one sales order with its lines, linked purchase orders and margin. */
  @Get('sales-orders/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: SalesOrderDto })
  getBrokerageSalesOrder(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<SalesOrderDto> {
    return this.orders.get(access.org.id, id);
  }

  /**
   * Enters a pending sales order with the org's next number; the server prices the lines and the
   * margin. Requires an Idempotency-Key: a retry with the same key returns the first order.
   */
  @Post('sales-orders')
  @BrokerageWrite()
  @Idempotent({ required: true })
  @ApiCreatedResponse({ type: SalesOrderDto })
  @ApiProblem(409, ORDER_REFS, 'A party is archived, the carrier uninsured, or a product inactive')
  createBrokerageSalesOrder(@CurrentOrg() access: OrgAccess, @Body() dto: CreateSalesOrderDto): Promise<SalesOrderDto> {
    return this.orders.create(access, dto);
  }

  /**
   * Changes a pending order; `lines` and `purchaseOrderIds` replace theirs. Members change the
   * orders they entered (another's: 403), officers any.
   */
  @Patch('sales-orders/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: SalesOrderDto })
  @ApiProblem(409, [...ORDER_REFS, 'order-not-editable'], 'Not pending, or a reference refused')
  updateBrokerageSalesOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateSalesOrderDto,
  ): Promise<SalesOrderDto> {
    return this.orders.update(access, id, dto);
  }

  /**
   * Confirms a pending order and mails the confirmation. Past the customer's credit limit (open
   * receivables + open orders) it is 409 `credit-limit-exceeded`, unless an officer gives a reason.
   */
  @Post('sales-orders/:id/confirm')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: SalesOrderDto })
  @ApiProblem(409, ['invalid-transition', 'credit-limit-exceeded'], 'Not pending, or past the credit limit')
  confirmBrokerageSalesOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ConfirmSalesOrderDto,
  ): Promise<SalesOrderDto> {
    return this.orders.confirm(access, id, dto);
  }

  /** Marks a confirmed order's load as shipped (in transit). */
  @Post('sales-orders/:id/ship')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: SalesOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Not confirmed')
  shipBrokerageSalesOrder(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<SalesOrderDto> {
    return this.orders.ship(access, id);
  }

  /** Records the delivery, optionally with every line's delivered cases and actual weight. */
  @Post('sales-orders/:id/deliver')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: SalesOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Not in transit')
  deliverBrokerageSalesOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: DeliverSalesOrderDto,
  ): Promise<SalesOrderDto> {
    return this.orders.deliver(access, id, dto);
  }

  /**
   * Cancels a pending order (members, those they entered; another's: 403) or a confirmed one
   * (officers), with a reason.
   */
  @Post('sales-orders/:id/cancel')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: SalesOrderDto })
  @ApiProblem(409, ['invalid-transition'], 'Already in transit, delivered or cancelled')
  cancelBrokerageSalesOrder(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CancelSalesOrderDto,
  ): Promise<SalesOrderDto> {
    return this.orders.cancel(access, id, dto);
  }
}
