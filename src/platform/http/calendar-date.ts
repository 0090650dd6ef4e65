import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date `YYYY-MM-DD` (2026-02-30 is not), so no cast to `date` fails. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === value;
}

/**
 * A calendar date without time or zone in a request. Each context keeps its own OpenAPI options and
 * message (they are part of its contract); the check is this one.
 */
export const IsCalendarDate = (api: ApiPropertyOptions, message: (property: string) => string) =>
  applyDecorators(
    ApiProperty(api),
    ValidateBy({
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: (args) => message(args?.property ?? '') },
    }),
  );
