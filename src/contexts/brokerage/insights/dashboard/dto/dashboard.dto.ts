import { ApiProperty } from '@nestjs/swagger';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrderStatus } from '../../../purchase-orders/purchase-order-rules';
import { AGEING_BUCKETS } from '../../../receivables/payments/payment-rules';
import { AgeingTotalDto } from '../../../receivables/receivables/dto/receivables.dto';

/** A date range, both days included (the org's calendar). */
export class BrokerageDashboardPeriodDto {
  from: string;
  to: string;
}

export class BrokeragePurchaseOrderStatusCountDto {
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, enumName: 'BrokeragePurchaseOrderStatus' })
  status: PurchaseOrderStatus;
  count: number;
}

export class BrokerageDashboardPurchaseOrdersDto {
  total: number;
  /** Every status in lifecycle order, zero included. */
  byStatus: BrokeragePurchaseOrderStatusCountDto[];
}

/** A sales order on the road. */
export class BrokerageLoadInTransitDto {
  salesOrderId: string;
  number: string;
  customerId: string;
  customerName: string;
  carrierId: string | null;
  carrierName: string | null;
  shippedAt: string | null;
  deliveryDate: string | null;
  total: string;
  currency: string;
}

export class BrokerageDashboardLoadsInTransitDto {
  /** All sales orders in transit. */
  count: number;
  /** The first ten, longest on the road first. */
  loads: BrokerageLoadInTransitDto[];
}

/** What customers owe, by age bucket (the receivables ageing by due date, as of the org's today). */
export class BrokerageDashboardReceivablesDto {
  asOf: string;
  @ApiProperty({ type: [String], example: AGEING_BUCKETS })
  buckets: string[];
  /** One total per currency, the org's first. */
  totals: AgeingTotalDto[];
}

/** Issued invoices and credit notes of the period by invoice date, in one currency. */
export class BrokerageDashboardRevenueDto {
  currency: string;
  /** The invoices' totals. */
  invoiced: string;
  /** The credit notes' totals. */
  credited: string;
  /** invoiced − credited. */
  net: string;
  invoices: number;
  creditNotes: number;
}

/** Sales orders delivered in the period, in one currency: sales, their linked purchase orders' cost, margin. */
export class BrokerageDashboardMarginDto {
  currency: string;
  sales: string;
  cost: string;
  /** sales − cost; negative for a loss. */
  margin: string;
  orders: number;
}

/** This month in the org's time zone. */
export class BrokerageDashboardMonthDto extends BrokerageDashboardPeriodDto {
  /** One per currency, the org's first (zero when nothing was billed). */
  revenue: BrokerageDashboardRevenueDto[];
  /** One per currency, the org's first (zero when nothing was delivered). */
  margin: BrokerageDashboardMarginDto[];
}

export class BrokerageDashboardCustomerDto {
  customerId: string;
  customerName: string;
  /** Invoiced less credited in the period. */
  revenue: string;
  currency: string;
  invoices: number;
}

export class BrokerageDashboardTopCustomersDto extends BrokerageDashboardPeriodDto {
  /** Up to five, most revenue first. */
  customers: BrokerageDashboardCustomerDto[];
}

/** The brokerage at a glance. Money is decimal strings with their currency. */
export class BrokerageDashboardDto {
  /** The org's currency and time zone (brokerage settings), and its today there. */
  currency: string;
  timeZone: string;
  today: string;
  purchaseOrders: BrokerageDashboardPurchaseOrdersDto;
  inTransit: BrokerageDashboardLoadsInTransitDto;
  receivables: BrokerageDashboardReceivablesDto;
  month: BrokerageDashboardMonthDto;
  /** The last 90 days, today included. */
  topCustomers: BrokerageDashboardTopCustomersDto;
}
