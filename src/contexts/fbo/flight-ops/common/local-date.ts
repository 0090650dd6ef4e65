import { IsCalendarDate } from '../../../../platform/http/calendar-date';

/** A calendar date without time or zone, YYYY-MM-DD. */
export const IsLocalDate = (options: { required?: boolean; example?: string } = {}) =>
  IsCalendarDate(
    { type: String, format: 'date', required: options.required ?? true, example: options.example },
    (property) => `${property} must be a date YYYY-MM-DD`,
  );

/** `date` plus `days` (negative: before), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `date` plus `months`, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
