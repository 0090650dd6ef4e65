import { IsCalendarDate as IsPlatformCalendarDate } from '../../../../platform/http/calendar-date';

/** A calendar date (`YYYY-MM-DD`, a real day) in a request: training dates carry no time of day. */
export const IsCalendarDate = (description?: string) =>
  IsPlatformCalendarDate(
    { type: String, format: 'date', example: '2026-01-15', description },
    (property) => `${property} must be a date as YYYY-MM-DD`,
  );
