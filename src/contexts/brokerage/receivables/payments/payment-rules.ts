import { fromUnits, toUnits } from '../../../../platform/domain/decimal';
import { MONEY_SCALE } from '../../purchase-orders/purchase-order-rules';

/** How a customer paid (the customers' terms name the first four; cash and other happen too). */
export const RECEIPT_METHODS = ['wire', 'ach', 'check', 'card', 'cash', 'other'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

/** A payment received, or the reversal row that cancels one (payments are append-only). */
export const PAYMENT_KINDS = ['payment', 'reversal'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

const units = (amount: string) => toUnits(amount, MONEY_SCALE);
export const money = (value: bigint) => fromUnits(value, MONEY_SCALE);

/** The sum of decimal amounts. */
export function sumAmounts(amounts: readonly string[]): string {
  return money(amounts.reduce((sum, a) => sum + units(a), 0n));
}

/** `a - b`. */
export function subtractAmounts(a: string, b: string): string {
  return money(units(a) - units(b));
}

/** Whether `a` is greater than `b`. */
export function exceeds(a: string, b: string): boolean {
  return units(a) > units(b);
}

/** What an invoice owes after `amount` is allocated to it; null when the allocation exceeds it. */
export function allocationApplied(outstanding: string, amount: string): string | null {
  const left = units(outstanding) - units(amount);
  return left < 0n ? null : money(left);
}

/** Per-invoice totals of allocations given in any order (one invoice may appear twice). */
export function allocationsByInvoice(
  allocations: readonly { invoiceId: string; amount: string }[],
): Map<string, string> {
  const totals = new Map<string, bigint>();
  for (const a of allocations) totals.set(a.invoiceId, (totals.get(a.invoiceId) ?? 0n) + units(a.amount));
  return new Map([...totals].map(([id, total]) => [id, money(total)]));
}

/** The ageing buckets, by whole days (past due or since the invoice date). */
export const AGEING_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '121+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** The bucket of an invoice `days` old (not yet due counts as 0). */
export function ageingBucket(days: number): AgeingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  if (days <= 120) return '91-120';
  return '121+';
}

/** Whole days from `from` to `to` (calendar dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The reminder step due for an invoice on `today`: the latest step of the schedule (days relative to
 * the due date) whose day has come, or null before the first. A run that missed days sends the
 * latest step only, never a burst of stale ones.
 */
export function dueReminderStep(dueDate: string, scheduleDays: readonly number[], today: string): number | null {
  const age = daysBetween(dueDate, today);
  const reached = [...new Set(scheduleDays)].filter((d) => d <= age);
  return reached.length ? Math.max(...reached) : null;
}

/** A CSV field, quoted when it needs to be (and defused against spreadsheet formulas). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
