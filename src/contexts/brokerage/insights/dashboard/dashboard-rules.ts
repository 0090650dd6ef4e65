import { fromUnits, toUnits } from '../../../../platform/domain/decimal';
import { addDays, endOfMonthAfter } from '../../../../platform/domain/calendar-dates';
import { MONEY_SCALE } from '../../purchase-orders/purchase-order-rules';
import { margin } from '../../sales/sales-orders/sales-order-rules';

/** How many days back the top customers' revenue counts (today included). */
export const TOP_CUSTOMER_DAYS = 90;
export const TOP_CUSTOMERS = 5;
/** How many loads in transit the dashboard lists (it counts them all). */
export const IN_TRANSIT_LISTED = 10;

export interface Period {
  from: string;
  to: string;
}

/** The calendar month of `today` (the org's today), first to last day. */
export function monthOf(today: string): Period {
  return { from: `${today.slice(0, 8)}01`, to: endOfMonthAfter(today, 0) };
}

/** The last `days` days up to `today`, both included. */
export function lastDays(today: string, days: number): Period {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** A delivered sales order: its total and what its linked purchase orders (not cancelled) cost. */
export interface DeliveredOrder {
  total: string;
  currency: string;
  costs: readonly string[];
}

export interface MarginTotal {
  currency: string;
  sales: string;
  cost: string;
  margin: string;
  orders: number;
}

const units = (amount: string) => toUnits(amount, MONEY_SCALE);
const money = (value: bigint) => fromUnits(value, MONEY_SCALE);

/**
 * The margin of delivered orders per currency: each order's margin as the sales order shows it
 * (`margin` of the sales rules: its total less its linked purchase orders' totals), summed.
 */
export function marginTotals(orders: readonly DeliveredOrder[]): MarginTotal[] {
  const sums = new Map<string, { sales: bigint; cost: bigint; margin: bigint; orders: number }>();
  for (const order of orders) {
    const own = margin(order.total, order.costs);
    const sum = sums.get(order.currency) ?? { sales: 0n, cost: 0n, margin: 0n, orders: 0 };
    sum.sales += units(order.total);
    sum.cost += units(own.cost);
    sum.margin += units(own.margin);
    sum.orders += 1;
    sums.set(order.currency, sum);
  }
  return [...sums].map(([currency, s]) => ({
    currency,
    sales: money(s.sales),
    cost: money(s.cost),
    margin: money(s.margin),
    orders: s.orders,
  }));
}

/**
 * Figures per currency with the org's currency always there (zero when nothing was in it, so a
 * client always has a figure to show) and first, the others after it by code.
 */
export function byCurrency<T extends { currency: string }>(
  rows: readonly T[],
  orgCurrency: string,
  zero: () => T,
): T[] {
  const own = rows.find((r) => r.currency === orgCurrency) ?? zero();
  const others = rows.filter((r) => r.currency !== orgCurrency).sort((a, b) => a.currency.localeCompare(b.currency));
  return [own, ...others];
}

/** Every status with its count, in lifecycle order, zero for those with none. */
export function countsByStatus<S extends string>(
  statuses: readonly S[],
  rows: readonly { status: string; count: number }[],
): { status: S; count: number }[] {
  const counts = new Map(rows.map((r) => [r.status, r.count]));
  return statuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}
