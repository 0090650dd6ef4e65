// The check of a calendar date is the platform's; re-exported for the rules that take dates.
export { isCalendarDate } from '../../../../platform/http/calendar-date';

/**
 * When a certification lapses, and how it stands on a given day. Dates are calendar dates
 * (`YYYY-MM-DD`) with no time zone: a certification is good through its `expiresOn`.
 *
 * 14 CFR 139.321(e) counts recurrent fire-safety training in calendar months: training completed
 * any day of January 2024 with a 24-month validity lapses at the end of January 2026. Courses
 * counted in days simply add the days.
 */
export type CertificationStatus = 'valid' | 'expiring_soon' | 'expired';
export const CERTIFICATION_STATUSES: readonly CertificationStatus[] = ['valid', 'expiring_soon', 'expired'];

export interface Validity {
  validityDays: number | null;
  validityCalendarMonths: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const format = (d: Date) => d.toISOString().slice(0, 10);

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The last day of the month `months` calendar months after `date`'s month. */
export function endOfMonthAfter(date: string, months: number): string {
  const [y, m] = parts(date);
  // Day 0 of the following month is the last day of the target month.
  return format(new Date(Date.UTC(y, m - 1 + months + 1, 0)));
}

/** The expiry of a completion on `completedOn` of a course with this validity (exactly one of the two is set). */
export function expiresOn(completedOn: string, validity: Validity): string {
  if (validity.validityCalendarMonths !== null) return endOfMonthAfter(completedOn, validity.validityCalendarMonths);
  if (validity.validityDays !== null) return addDays(completedOn, validity.validityDays);
  throw new Error('a course has a validity in days or in calendar months');
}

/** Expired after its day; expiring soon within `days` days from `today` (inclusive); valid beyond. */
export function certificationStatus(expires: string, today: string, days: number): CertificationStatus {
  if (expires < today) return 'expired';
  if (expires <= addDays(today, days)) return 'expiring_soon';
  return 'valid';
}

/** Today's date in UTC. */
export function todayUtc(now = new Date()): string {
  return format(now);
}
