import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/**
 * Exact decimal quantities (money, gallons, pounds, weights) as integers of their smallest unit,
 * so arithmetic never rounds behind anyone's back: "12.345" at scale 3 is 12345n. The API and the
 * database (`numeric(p, s)`) carry decimal strings; code in between carries bigint units. Every
 * context uses this one module instead of its own cents helpers.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into units of 10^-scale. Throws on malformed input or more places than `scale`. */
export function toUnits(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`"${value}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale)))
    throw new RangeError(`"${value}" has more than ${scale} decimal places`);
  const units = BigInt(whole + fraction.slice(0, scale).padEnd(scale, '0'));
  return sign ? -units : units;
}

/** Formats units of 10^-scale as a decimal string with exactly `scale` places ("-0.50", never "-0.00"). */
export function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (negative && units !== 0n ? '-' : '') + whole + fraction;
}

/** Re-expresses units at another scale, rounding half away from zero when places are dropped. */
export function rescale(units: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return units * 10n ** BigInt(toScale - fromScale);
  return divideRounded(units, 10n ** BigInt(fromScale - toScale));
}

/** `numerator / denominator` rounded half away from zero (for prices × weights, interpolation, shares). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/**
 * `a × b` for decimals at their own scales, as units of `resultScale`, rounded half away from
 * zero: e.g. 1234.5 gallons (scale 1) × 6.70 lb/gal (scale 2) = 8271.15 lb (scale 2).
 */
export function multiply(a: bigint, aScale: number, b: bigint, bScale: number, resultScale: number): bigint {
  return rescale(a * b, aScale + bScale, resultScale);
}

/** Normalizes a decimal string to exactly `scale` places ("5" → "5.00"); throws like `toUnits`. */
export function normalizeDecimal(value: string, scale: number): string {
  return fromUnits(toUnits(value, scale), scale);
}

export interface DecimalStringOptions {
  /** Decimal places allowed (and given back). */
  scale: number;
  /** Digits before the point, as the column's `numeric(precision, scale)` allows. */
  integerDigits: number;
  /** Accept a sign: adjustments and variances are signed; amounts and quantities are not. */
  signed?: boolean;
  example?: string;
  description?: string;
}

/** The pattern a decimal string must match for `options` (also the OpenAPI `pattern`). */
export function decimalPattern(options: Pick<DecimalStringOptions, 'scale' | 'integerDigits' | 'signed'>): RegExp {
  const sign = options.signed ? '-?' : '';
  const fraction = options.scale > 0 ? `(\\.\\d{1,${options.scale}})?` : '';
  return new RegExp(`^${sign}\\d{1,${options.integerDigits}}${fraction}$`);
}

/**
 * A decimal quantity in a request body: a string (JSON numbers are refused, they would round),
 * at most `scale` places, normalized to exactly `scale` places before it reaches the service.
 */
export const IsDecimalString = (options: DecimalStringOptions) => {
  const pattern = decimalPattern(options);
  const kind = options.signed ? 'a decimal string' : 'a non-negative decimal string';
  return applyDecorators(
    ApiProperty({
      type: String,
      pattern: pattern.source,
      example: options.example ?? fromUnits(1234n * 10n ** BigInt(options.scale), options.scale),
      description: options.description,
    }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && pattern.test(value.trim()) ? normalizeDecimal(value, options.scale) : value,
    ),
    Matches(pattern, {
      message: `$property must be ${kind} with at most ${options.scale} decimal places and ${options.integerDigits} digits before the point`,
    }),
  );
};
