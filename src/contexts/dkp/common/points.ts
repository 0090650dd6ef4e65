import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches, NotEquals } from 'class-validator';

/** Points travel as decimal strings with two places ("12.50"), as Postgres `numeric(12,2)` holds them. */
export const POINTS_PATTERN = /^-?\d{1,9}(\.\d{1,2})?$/;
/** The same without a sign: raid values, event defaults, minimum bids and bids are never negative. */
export const NON_NEGATIVE_POINTS_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;

export interface PointsOptions {
  example?: string;
  description?: string;
  /** Accept negative amounts. Only adjustments are signed (penalties are adjustments); the default is >= 0. */
  signed?: boolean;
  /** Refuse "0" / "0.00": an adjustment of nothing is a mistake, not a ledger row. */
  nonZero?: boolean;
}

/**
 * Pins a well-formed decimal string to two places ("5" -> "5.00"). Anything else, JSON numbers included,
 * stays as is and fails validation: a number such as 5.999 would otherwise be silently rounded.
 */
function toPoints({ value }: { value: unknown }): unknown {
  if (typeof value === 'string' && POINTS_PATTERN.test(value.trim())) return Number(value).toFixed(2);
  return value;
}

/** A points amount in a request: a decimal string with at most two places; non-negative unless `signed`. */
export const IsPoints = (options: PointsOptions = {}) => {
  const pattern = options.signed ? POINTS_PATTERN : NON_NEGATIVE_POINTS_PATTERN;
  const kind = options.signed ? 'a decimal string' : 'a non-negative decimal string';
  const decorators = [
    ApiProperty({
      type: String,
      pattern: pattern.source,
      example: options.example ?? '10.00',
      description: options.description,
    }),
    Transform(toPoints),
    Matches(pattern, {
      message: `$property must be ${kind} with at most two decimal places, e.g. "12.50" (up to 999999999.99)`,
    }),
  ];
  if (options.nonZero) decorators.push(NotEquals('0.00', { message: '$property must not be zero' }));
  return applyDecorators(...decorators);
};

/** The text Postgres gives for a `numeric(12,2)`: already what `points` returns (no leading zeros, no "-0.00"). */
const CANONICAL_POINTS = /^(?:0|-?[1-9]\d*)\.\d\d$|^-0\.(?:0[1-9]|[1-9]\d)$/;

/**
 * Postgres numeric comes back as a string; this pins it to two places for responses. Balance
 * columns arrive already in that form and are returned as they are: `Number(...).toFixed(2)` on
 * every amount of a leaderboard page was a measured share of its CPU (bench/RESULTS.md).
 */
export function points(value: string | number | null | undefined): string {
  if (typeof value === 'string' && CANONICAL_POINTS.test(value)) return value;
  return Number(value ?? 0).toFixed(2);
}
