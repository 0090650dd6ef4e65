import { addDays } from '../../../platform/domain/calendar-dates';

/**
 * Structured payment terms (the seed stored "Net 30" strings, from which no due date can be
 * computed): how the customer pays, how many days after the invoice the balance is due, and how
 * many days before shipment a prepayment is due (0 = no prepayment).
 */
export const PAYMENT_METHODS = ['wire', 'ach', 'check', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface PaymentTerms {
  method: PaymentMethod;
  netDays: number;
  prepayDays: number;
}

// Date arithmetic is the platform's; re-exported for the brokerage rules that take dates.
export { addDays };

/** When an invoice dated `invoiceDate` is due under `terms`: `netDays` after it. */
export function dueDate(terms: Pick<PaymentTerms, 'netDays'>, invoiceDate: string): string {
  return addDays(invoiceDate, terms.netDays);
}

/** When the prepayment of a load shipping on `shipDate` is due, or null when the terms ask none. */
export function prepaymentDueDate(terms: Pick<PaymentTerms, 'prepayDays'>, shipDate: string): string | null {
  return terms.prepayDays > 0 ? addDays(shipDate, -terms.prepayDays) : null;
}

/** The days a reminder goes out for an invoice due on `due`, one per step of the org's schedule, in order. */
export function reminderDates(due: string, scheduleDays: readonly number[]): string[] {
  return [...new Set(scheduleDays)].sort((a, b) => a - b).map((days) => addDays(due, days));
}
