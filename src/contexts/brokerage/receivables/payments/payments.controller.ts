import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageAccounting, BrokerageRead } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import {
  AllocatePaymentDto,
  CreatePaymentDto,
  ListPaymentsQueryDto,
  PaymentDto,
  ReversePaymentDto,
} from './dto/payment.dto';
import { PaymentsService } from './payments.service';

const PaymentPageDto = PageOf(PaymentDto);
const ALLOCATION_PROBLEMS = [
  'allocation-exceeds-outstanding',
  'allocation-exceeds-payment',
  'invoice-not-payable',
  'allocation-customer-mismatch',
  'currency-mismatch',
];

@ApiTags('brokerage-payments')
@BrokerageController()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** Lists payments and reversals, newest first; filter by customer or kind. */
  @Get('payments')
  @BrokerageRead()
  @ApiOkResponse({ type: PaymentPageDto })
  listBrokeragePayments(@CurrentOrg() access: OrgAccess, @Query() q: ListPaymentsQueryDto): Promise<Page<PaymentDto>> {
    return this.payments.list(access.org.id, q);
  }

  /** Gets one payment with its allocations. */
  @Get('payments/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: PaymentDto })
  getBrokeragePayment(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<PaymentDto> {
    return this.payments.get(access.org.id, id);
  }

  /**
   * Records a customer's payment (treasurer or officer), allocated to invoices as given; the rest is
   * the customer's credit. Requires an Idempotency-Key: a retry returns the first payment.
   */
  @Post('payments')
  @BrokerageAccounting()
  @Idempotent({ required: true })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiProblem(409, ALLOCATION_PROBLEMS, 'An allocation the invoice or the payment cannot take')
  recordBrokeragePayment(@CurrentOrg() access: OrgAccess, @Body() dto: CreatePaymentDto): Promise<PaymentDto> {
    return this.payments.record(access, dto);
  }

  /** Allocates a payment's unallocated credit to invoices (treasurer or officer). */
  @Post('payments/:id/allocations')
  @HttpCode(200)
  @BrokerageAccounting()
  @Idempotent()
  @ApiOkResponse({ type: PaymentDto })
  @ApiProblem(409, [...ALLOCATION_PROBLEMS, 'invalid-transition'], 'A reversed payment, or an allocation refused')
  allocateBrokeragePayment(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: AllocatePaymentDto,
  ): Promise<PaymentDto> {
    return this.payments.allocateLater(access, id, dto);
  }

  /** Reverses a payment with a reason (treasurer or officer): its allocations go back to the invoices. */
  @Post('payments/:id/reverse')
  @HttpCode(200)
  @BrokerageAccounting()
  @ApiOkResponse({ type: PaymentDto })
  @ApiProblem(409, ['invalid-transition'], 'Already reversed, or a reversal')
  reverseBrokeragePayment(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ReversePaymentDto,
  ): Promise<PaymentDto> {
    return this.payments.reverse(access, id, dto);
  }
}
