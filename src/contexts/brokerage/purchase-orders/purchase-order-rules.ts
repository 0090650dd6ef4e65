import { fromUnits, multiply, toUnits } from '../../../platform/domain/decimal';
import { StateMachine } from '../../../platform/domain/state-machine';
import { Problem } from '../../../platform/http/problem';
import type { WeightType } from '../common/choices';
import type { WeightUnit } from '../common/money.dto';

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'received',
  'closed',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/**
 * A purchase order's life: a broker drafts and submits it, a manager approves it, the load is
 * received (actual weights) and the order closed. Until it is received it can be cancelled.
 */
export const PURCHASE_ORDER_LIFECYCLE = new StateMachine<PurchaseOrderStatus>('purchase order', {
  draft: ['pending_approval', 'cancelled'],
  pending_approval: ['approved', 'cancelled'],
  approved: ['received', 'cancelled'],
  received: ['closed'],
  closed: [],
  cancelled: [],
});

/** What a line's unit price is per: a pound, a kilogram, or a case. */
export const PRICE_BASES = ['per_lb', 'per_kg', 'per_case'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

/** Money has 2 places, unit prices 4 (meat trades at $2.1350/lb), weights 3. */
export const MONEY_SCALE = 2;
export const PRICE_SCALE = 4;
export const WEIGHT_SCALE = 3;

export interface PricedLine {
  cases: number;
  weight: string;
  weightUnit: WeightUnit;
  priceBasis: PriceBasis;
  unitPrice: string;
  weightType: WeightType;
  /** The weight received, once the load is in. */
  receivedWeight?: string | null;
}

const BASIS_UNIT: Record<Exclude<PriceBasis, 'per_case'>, WeightUnit> = { per_lb: 'LBS', per_kg: 'KG' };

/**
 * Refuses a line whose weight is in another unit than its price (a per-lb price on a weight in
 * kilograms): converting would round, and the parties' documents state both in the same unit.
 */
export function weightUnitProblem(line: Pick<PricedLine, 'priceBasis' | 'weightUnit'>): string | null {
  if (line.priceBasis === 'per_case') return null;
  const unit = BASIS_UNIT[line.priceBasis];
  return line.weightUnit === unit ? null : `a ${line.priceBasis} price needs the weight in ${unit}`;
}

/**
 * The weight a line is billed on: catch-weight products bill the weight actually received (once
 * received); net-weight products the ordered (labelled) weight.
 */
export function billedWeight(line: Pick<PricedLine, 'weight' | 'weightType' | 'receivedWeight'>): string {
  return line.weightType === 'catch' && line.receivedWeight != null ? line.receivedWeight : line.weight;
}

/** A line's total: unit price × cases (per case) or × billed weight (per lb or kg), to the cent. */
export function lineTotal(line: PricedLine): string {
  const price = toUnits(line.unitPrice, PRICE_SCALE);
  const total =
    line.priceBasis === 'per_case'
      ? multiply(price, PRICE_SCALE, BigInt(line.cases), 0, MONEY_SCALE)
      : multiply(price, PRICE_SCALE, toUnits(billedWeight(line), WEIGHT_SCALE), WEIGHT_SCALE, MONEY_SCALE);
  return fromUnits(total, MONEY_SCALE);
}

/** The sum of line totals. */
export function orderTotal(lineTotals: readonly string[]): string {
  return fromUnits(
    lineTotals.reduce((sum, total) => sum + toUnits(total, MONEY_SCALE), 0n),
    MONEY_SCALE,
  );
}

/** Who may approve: an officer, not the order's creator unless the org allows self-approval. */
export function assertMayApprove(order: { createdById: string | null }, approverId: string | null, allowSelf: boolean) {
  if (!allowSelf && approverId !== null && order.createdById === approverId)
    throw Problem.forbidden('You created this purchase order; another officer must approve it');
}
