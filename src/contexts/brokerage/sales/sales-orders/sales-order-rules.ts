import { fromUnits, toUnits } from '../../../../platform/domain/decimal';
import { StateMachine } from '../../../../platform/domain/state-machine';
import { MONEY_SCALE } from '../../purchase-orders/purchase-order-rules';

export const SALES_ORDER_STATUSES = ['pending', 'confirmed', 'in_transit', 'delivered', 'cancelled'] as const;
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];

/**
 * A sales order's life: a broker enters it (pending), it is confirmed to the customer (within the
 * credit limit, or over it with an officer's reason), the load ships and is delivered. Until it
 * ships it can be cancelled.
 */
export const SALES_ORDER_LIFECYCLE = new StateMachine<SalesOrderStatus>('sales order', {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_transit', 'cancelled'],
  in_transit: ['delivered'],
  delivered: [],
  cancelled: [],
});

/** Sales orders that count against the customer's credit until they are invoiced. */
export const OPEN_ORDER_STATUSES: readonly SalesOrderStatus[] = ['confirmed', 'in_transit', 'delivered'];

/** What the broker makes on a load: the sales total less what the linked purchase orders cost. */
export function margin(salesTotal: string, purchaseCosts: readonly string[]): { cost: string; margin: string } {
  const cost = purchaseCosts.reduce((sum, c) => sum + toUnits(c, MONEY_SCALE), 0n);
  return {
    cost: fromUnits(cost, MONEY_SCALE),
    margin: fromUnits(toUnits(salesTotal, MONEY_SCALE) - cost, MONEY_SCALE),
  };
}

/**
 * A customer's credit exposure: what issued invoices still owe plus the orders confirmed to them
 * and not yet invoiced.
 */
export function creditExposure(openReceivables: readonly string[], openOrders: readonly string[]): string {
  const sum = [...openReceivables, ...openOrders].reduce((s, amount) => s + toUnits(amount, MONEY_SCALE), 0n);
  return fromUnits(sum, MONEY_SCALE);
}

export interface CreditCheck {
  creditLimit: string;
  exposure: string;
  orderTotal: string;
  /** exposure + orderTotal − creditLimit, when positive. */
  excess: string;
}

/**
 * Whether confirming an order of `orderTotal` keeps the customer within `creditLimit` (null: no
 * limit set). Returns null when it does, else the figures for the 409.
 */
export function creditLimitExcess(
  creditLimit: string | null,
  exposure: string,
  orderTotal: string,
): CreditCheck | null {
  if (creditLimit === null) return null;
  const after = toUnits(exposure, MONEY_SCALE) + toUnits(orderTotal, MONEY_SCALE);
  const excess = after - toUnits(creditLimit, MONEY_SCALE);
  if (excess <= 0n) return null;
  return { creditLimit, exposure, orderTotal, excess: fromUnits(excess, MONEY_SCALE) };
}
