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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A calendar date (`YYYY-MM-DD`) moved by whole days; calendar dates have no time zone. */
export function addDays(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(time).toISOString().slice(0, 10) !== date) throw new RangeError(`"${date}" is not a calendar date`);
  return new Date(time + days * DAY_MS).toISOString().slice(0, 10);
}

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
