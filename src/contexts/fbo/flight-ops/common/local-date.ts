import { IsCalendarDate } from '../../../../platform/http/calendar-date';

/** A calendar date without time or zone, YYYY-MM-DD. */
export const IsLocalDate = (options: { required?: boolean; example?: string } = {}) =>
  IsCalendarDate(
    { type: String, format: 'date', required: options.required ?? true, example: options.example },
    (property) => `${property} must be a date YYYY-MM-DD`,
  );

// Date arithmetic is the platform's; re-exported for the flight-ops rules that take dates.
export { addDays, addMonths } from '../../../../platform/domain/calendar-dates';
