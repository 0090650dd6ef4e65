import { Injectable } from '@nestjs/common';
import { fromUnits, toUnits } from '../../../../platform/domain/decimal';
import { MONEY_SCALE, PURCHASE_ORDER_STATUSES } from '../../purchase-orders/purchase-order-rules';
import { AgeingQueryDto, AgeingTotalDto } from '../../receivables/receivables/dto/receivables.dto';
import { ReceivablesService } from '../../receivables/receivables/receivables.service';
import { todayIn } from '../../sales/invoices/invoice-rules';
import { SettingsService } from '../../settings/settings.service';
import {
  byCurrency,
  countsByStatus,
  IN_TRANSIT_LISTED,
  lastDays,
  marginTotals,
  monthOf,
  TOP_CUSTOMER_DAYS,
  TOP_CUSTOMERS,
} from './dashboard-rules';
import {
  BrokerageDashboardDto,
  BrokerageDashboardLoadsInTransitDto,
  BrokerageDashboardRevenueDto,
} from './dto/dashboard.dto';
import { BrokerageDashboardRepository, LoadInTransitRow, RevenueRow } from './dashboard.repository';

const ZERO = '0.00';

function revenueDto(row: RevenueRow): BrokerageDashboardRevenueDto {
  const net = toUnits(row.invoiced, MONEY_SCALE) - toUnits(row.credited, MONEY_SCALE);
  return { ...row, net: fromUnits(net, MONEY_SCALE) };
}

function inTransitDto(rows: LoadInTransitRow[]): BrokerageDashboardLoadsInTransitDto {
  return {
    count: rows[0]?.count ?? 0,
    loads: rows.map(({ count: _count, shippedAt, ...load }) => ({
      ...load,
      shippedAt: shippedAt ? shippedAt.toISOString() : null,
    })),
  };
}

const zeroAgeing = (currency: string): AgeingTotalDto => ({
  currency,
  '0-30': ZERO,
  '31-60': ZERO,
  '61-90': ZERO,
  '91-120': ZERO,
  '121+': ZERO,
  total: ZERO,
});

/**
 * The brokerage at a glance, in the org's currency and time zone: purchase orders by status, the
 * loads on the road, receivables by age (the receivables module's ageing), this month's revenue
 * and delivered margin, and the top customers of the last 90 days.
 */
@Injectable()
export class BrokerageDashboardService {
  constructor(
    private readonly dashboard: BrokerageDashboardRepository,
    private readonly receivables: ReceivablesService,
    private readonly settings: SettingsService,
  ) {}

  async get(orgId: string): Promise<BrokerageDashboardDto> {
    const { currency, timeZone } = await this.settings.load(orgId);
    const today = todayIn(timeZone);
    const month = monthOf(today);
    const recent = lastDays(today, TOP_CUSTOMER_DAYS);
    // One at a time: the embedded database has a single connection.
    const statuses = await this.dashboard.purchaseOrdersByStatus(orgId);
    const inTransit = await this.dashboard.loadsInTransit(orgId, IN_TRANSIT_LISTED);
    const ageing = await this.receivables.ageing(orgId, Object.assign(new AgeingQueryDto(), { asOf: today }));
    const revenue = await this.dashboard.revenue(orgId, month);
    const delivered = await this.dashboard.deliveredOrders(orgId, timeZone, month);
    const top = await this.dashboard.topCustomers(orgId, recent, TOP_CUSTOMERS);
    const byStatus = countsByStatus(PURCHASE_ORDER_STATUSES, statuses);
    return {
      currency,
      timeZone,
      today,
      purchaseOrders: { total: byStatus.reduce((sum, s) => sum + s.count, 0), byStatus },
      inTransit: inTransitDto(inTransit),
      receivables: {
        asOf: ageing.asOf,
        buckets: ageing.buckets,
        totals: byCurrency(ageing.totals, currency, () => zeroAgeing(currency)),
      },
      month: {
        ...month,
        revenue: byCurrency(revenue.map(revenueDto), currency, () =>
          revenueDto({ currency, invoiced: ZERO, credited: ZERO, invoices: 0, creditNotes: 0 }),
        ),
        margin: byCurrency(marginTotals(delivered), currency, () => ({
          currency,
          sales: ZERO,
          cost: ZERO,
          margin: ZERO,
          orders: 0,
        })),
      },
      topCustomers: { ...recent, customers: top },
    };
  }
}
