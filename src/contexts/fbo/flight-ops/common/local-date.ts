import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date YYYY-MM-DD (no February 30th reaches Postgres). */
export function isLocalDate(value: unknown): value is string {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** A calendar date without time or zone, YYYY-MM-DD. */
export const IsLocalDate = (options: { required?: boolean; example?: string } = {}) =>
  applyDecorators(
    ApiProperty({ type: String, format: 'date', required: options.required ?? true, example: options.example }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isLocalDate',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `${String(propertyName)} must be a date YYYY-MM-DD` },
        validator: { validate: isLocalDate },
      }),
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
