import { fromUnits, multiply, toUnits } from '../../../../platform/domain/decimal';
import { StateMachine } from '../../../../platform/domain/state-machine';
import { dueDate, type PaymentTerms } from '../../common/payment-terms';
import { MONEY_SCALE } from '../../purchase-orders/purchase-order-rules';

export const INVOICE_STATUSES = ['draft', 'issued', 'partly_paid', 'paid', 'cancelled', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** An invoice bills a customer; a credit note corrects an issued invoice (issued invoices never change). */
export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * An invoice's life: a draft is issued (numbered, immutable from then on) or cancelled; payments
 * (allocations, and their reversals) move an issued invoice between issued, partly_paid and paid;
 * an issued invoice nobody has paid can be voided with a reason.
 */
export const INVOICE_LIFECYCLE = new StateMachine<InvoiceStatus>('invoice', {
  draft: ['issued', 'cancelled'],
  issued: ['partly_paid', 'paid', 'void'],
  partly_paid: ['issued', 'paid'],
  paid: ['partly_paid', 'issued'],
  cancelled: [],
  void: [],
});

/** Invoices that still count as receivables. */
export const OPEN_INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'partly_paid'];

/** Tax rates are percentages with three places (8.875 %). */
export const TAX_RATE_SCALE = 3;

/** Subtotal, tax (subtotal × rate %, to the cent, half away from zero) and total. */
export function invoiceTotals(
  lineTotals: readonly string[],
  taxRate: string,
): { subtotal: string; tax: string; total: string } {
  const subtotal = lineTotals.reduce((sum, t) => sum + toUnits(t, MONEY_SCALE), 0n);
  // rate % = rate / 100: one more factor of 100 in the scale.
  const tax = multiply(subtotal, MONEY_SCALE, toUnits(taxRate, TAX_RATE_SCALE), TAX_RATE_SCALE + 2, MONEY_SCALE);
  return {
    subtotal: fromUnits(subtotal, MONEY_SCALE),
    tax: fromUnits(tax, MONEY_SCALE),
    total: fromUnits(subtotal + tax, MONEY_SCALE),
  };
}

/** The invoice's due date: `netDays` of the customer's terms after the invoice date (due at once without terms). */
export function invoiceDueDate(terms: Pick<PaymentTerms, 'netDays'> | null, invoiceDate: string): string {
  return dueDate({ netDays: terms?.netDays ?? 0 }, invoiceDate);
}

/** The calendar date it is in `timeZone` at `now` (an invoice dated "today" is the org's today). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Overdue is derived, never stored: an open invoice with money outstanding whose due date has passed
 * in the org's time zone (`today`).
 */
export function isOverdue(
  invoice: { status: InvoiceStatus; dueDate: string | null; outstanding: string },
  today: string,
): boolean {
  return (
    OPEN_INVOICE_STATUSES.includes(invoice.status) &&
    invoice.dueDate !== null &&
    invoice.dueDate < today &&
    toUnits(invoice.outstanding, MONEY_SCALE) > 0n
  );
}

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(dueDateValue: string | null, today: string): number {
  if (!dueDateValue || dueDateValue >= today) return 0;
  return Math.round((Date.parse(today) - Date.parse(dueDateValue)) / 86_400_000);
}

/** The status that matches what is still owed: all of it issued, some partly_paid, none paid. */
export function statusForOutstanding(total: string, outstanding: string): InvoiceStatus {
  const owed = toUnits(outstanding, MONEY_SCALE);
  if (owed <= 0n) return 'paid';
  return owed < toUnits(total, MONEY_SCALE) ? 'partly_paid' : 'issued';
}

/** What is left owed after a credit of `amount`; null when the credit exceeds it. */
export function creditApplied(outstanding: string, amount: string): string | null {
  const left = toUnits(outstanding, MONEY_SCALE) - toUnits(amount, MONEY_SCALE);
  return left < 0n ? null : fromUnits(left, MONEY_SCALE);
}
