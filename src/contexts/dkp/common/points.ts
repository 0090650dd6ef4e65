import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Points travel as decimal strings with two places ("12.50"), as Postgres `numeric(12,2)` holds them. */
export const POINTS_PATTERN = /^-?\d{1,9}(\.\d{1,2})?$/;

/** Normalizes a JSON number or string to a two-place decimal string; anything else stays as is to fail validation. */
function toPoints({ value }: { value: unknown }): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(2);
  if (typeof value === 'string' && POINTS_PATTERN.test(value.trim())) return Number(value).toFixed(2);
  return value;
}

/** A points amount in a request: a number or decimal string, at most two places. */
export const IsPoints = (options: { example?: string; description?: string } = {}) =>
  applyDecorators(
    ApiProperty({
      type: String,
      pattern: POINTS_PATTERN.source,
      example: options.example ?? '10.00',
      description: options.description,
    }),
    Transform(toPoints),
    Matches(POINTS_PATTERN, {
      message: '$property must be a number with at most two decimal places (up to 999999999.99)',
    }),
  );

/** Postgres numeric comes back as a string; this pins it to two places for responses. */
export function points(value: string | number | null | undefined): string {
  return Number(value ?? 0).toFixed(2);
}
