import { addDays, endOfMonthAfter } from '../../../../platform/domain/calendar-dates';

// Date checks and arithmetic are the platform's; re-exported for the rules that take dates.
export { isCalendarDate } from '../../../../platform/http/calendar-date';
export { addDays, endOfMonthAfter, todayUtc } from '../../../../platform/domain/calendar-dates';

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
