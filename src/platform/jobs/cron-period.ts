import { parseExpression } from 'cron-parser';

/** When a recurring job runs: a 5-field cron expression read in a time zone (default UTC). */
export interface CronSchedule {
  cron: string;
  /** IANA zone, e.g. `Europe/Berlin`: `0 8 * * *` is 08:00 there, summer and winter. */
  tz?: string;
}

/**
 * The start of the cron period containing `now`: the latest tick at or before it. Instances
 * claim this instant (job name + period start) with a unique row, so each period runs once
 * however many instances check it. Throws on an invalid expression or zone.
 */
export function currentPeriod(schedule: CronSchedule, now: Date): Date {
  // cron-parser's prev() is strictly before its current date: one millisecond later makes a
  // check at the very tick see that tick.
  const ticks = parseExpression(schedule.cron, {
    tz: schedule.tz ?? 'UTC',
    currentDate: new Date(now.getTime() + 1),
  });
  return ticks.prev().toDate();
}

/** Fails at startup (not at the first tick) when a schedule cannot be read. */
export function assertValidSchedule(schedule: CronSchedule): void {
  currentPeriod(schedule, new Date());
}
