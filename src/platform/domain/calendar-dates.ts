/**
 * Arithmetic on calendar dates (`YYYY-MM-DD`, no time, no zone), done in UTC so no daylight-saving
 * change can move a day. One copy for every context: due dates, expiries, "today" ranges.
 * A string that is not a real calendar date (2026-02-30, "tomorrow") is a RangeError: callers
 * validate input at the edge (`IsCalendarDate`), so reaching this with one is a bug.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || format(new Date(Date.UTC(y, m - 1, d))) !== date) {
    throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  }
  return [y, m, d];
}

const format = (d: Date) => d.toISOString().slice(0, 10);

/** `date` plus `days` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** `date` plus `months`, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** The last day of the month `months` calendar months after `date`'s month (0: its own month's end). */
export function endOfMonthAfter(date: string, months: number): string {
  const [y, m] = parts(date);
  // Day 0 of the following month is the last day of the target month.
  return format(new Date(Date.UTC(y, m - 1 + months + 1, 0)));
}

/** Today's calendar date in UTC (an org's own "today" comes from its time zone, see the contexts). */
export function todayUtc(now = new Date()): string {
  return format(now);
}
