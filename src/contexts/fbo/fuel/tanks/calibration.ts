import { divideRounded, fromUnits, toUnits } from '../../../../platform/domain/decimal';
import type { FieldError } from '../../../../platform/http/problem';
import { GALLONS_SCALE, INCHES_SCALE } from '../common/fuel-units';

/**
 * A tank's strapping (calibration) table: gallons held at a level in inches, as measured when the
 * tank was calibrated. Levels between two points are read by linear interpolation, in exact decimal
 * units (inches and gallons to the hundredth), so the same stick reading always gives the same
 * gallons on every server.
 */
export interface CalibrationPoint {
  inches: string;
  gallons: string;
}

interface Point {
  inches: bigint;
  gallons: bigint;
}

const toPoints = (table: readonly CalibrationPoint[]): Point[] =>
  table.map((p) => ({ inches: toUnits(p.inches, INCHES_SCALE), gallons: toUnits(p.gallons, GALLONS_SCALE) }));

/**
 * Why the table cannot be used: fewer than two points, or a point whose inches or gallons do not
 * rise above the previous point's (a strapping chart is strictly increasing in both). Each error
 * names the offending field, e.g. `calibrationTable.3.gallons`.
 */
export function calibrationTableErrors(table: readonly CalibrationPoint[], path = 'calibrationTable'): FieldError[] {
  if (table.length < 2) return [{ path, message: `${path} needs at least two points` }];
  const points = toPoints(table);
  const errors: FieldError[] = [];
  for (let i = 1; i < points.length; i++) {
    for (const field of ['inches', 'gallons'] as const) {
      if (points[i][field] <= points[i - 1][field])
        errors.push({ path: `${path}.${i}.${field}`, message: `${field} must be greater than the previous point's` });
    }
  }
  return errors;
}

/** The table's first and last levels, in inches. */
export function calibratedRange(table: readonly CalibrationPoint[]): { from: string; to: string } {
  return { from: table[0].inches, to: table[table.length - 1].inches };
}

/**
 * Gallons at `levelInches`, interpolated between the two points around it (exact at a point);
 * null when the level lies outside the table, where nothing was measured.
 */
export function gallonsAt(table: readonly CalibrationPoint[], levelInches: string): string | null {
  const points = toPoints(table);
  const level = toUnits(levelInches, INCHES_SCALE);
  if (!points.length || level < points[0].inches || level > points[points.length - 1].inches) return null;
  const upper = points.findIndex((p) => p.inches >= level);
  const hi = points[upper];
  if (hi.inches === level) return fromUnits(hi.gallons, GALLONS_SCALE);
  const lo = points[upper - 1];
  const gallons = lo.gallons + divideRounded((hi.gallons - lo.gallons) * (level - lo.inches), hi.inches - lo.inches);
  return fromUnits(gallons, GALLONS_SCALE);
}
