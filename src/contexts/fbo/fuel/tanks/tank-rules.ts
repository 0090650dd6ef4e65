import { fromUnits, toUnits } from '../../../../platform/domain/decimal';
import type { FieldError } from '../../../../platform/http/problem';
import { GALLONS_SCALE, INCHES_SCALE } from '../common/fuel-units';
import { calibratedRange, calibrationTableErrors, CalibrationPoint, gallonsAt } from './calibration';

export const TANK_STATUSES = ['ok', 'low', 'critical'] as const;
export type TankStatus = (typeof TANK_STATUSES)[number];

const SEVERITY: Record<TankStatus, number> = { ok: 0, low: 1, critical: 2 };

const gal = (value: string) => toUnits(value, GALLONS_SCALE);
const inch = (value: string) => toUnits(value, INCHES_SCALE);

/** The tank's configuration as the rules see it (decimal strings). */
export interface TankShape {
  capacityGallons: string;
  minLevelInches: string;
  maxLevelInches: string;
  usableMinInches: string;
  usableMaxInches: string;
  calibrationTable: CalibrationPoint[];
  lowLevelGallons: string;
  criticalLevelGallons: string;
}

/** Status of a tank holding `gallons`: at or below the critical level, at or below the low level, or ok. */
export function tankStatus(
  gallons: string,
  tank: Pick<TankShape, 'lowLevelGallons' | 'criticalLevelGallons'>,
): TankStatus {
  if (gal(gallons) <= gal(tank.criticalLevelGallons)) return 'critical';
  if (gal(gallons) <= gal(tank.lowLevelGallons)) return 'low';
  return 'ok';
}

/**
 * The alert a change of status raises: a fall into a worse status announces that status once;
 * staying there or rising back raises nothing (rising back re-arms the alert for the next fall).
 */
export function levelCrossing(previous: TankStatus, next: TankStatus): Exclude<TankStatus, 'ok'> | null {
  if (SEVERITY[next] <= SEVERITY[previous] || next === 'ok') return null;
  return next;
}

/**
 * Gallons that can be drawn at `levelInches`: what lies between the usable bottom (below it the
 * pump would take sediment and water) and the level, capped at the usable top. Zero at or below the bottom.
 */
export function usableGallons(tank: TankShape, levelInches: string): string {
  const top = inch(levelInches) < inch(tank.usableMaxInches) ? levelInches : tank.usableMaxInches;
  const above = gallonsAt(tank.calibrationTable, top);
  const bottom = gallonsAt(tank.calibrationTable, tank.usableMinInches);
  if (above === null || bottom === null) return fromUnits(0n, GALLONS_SCALE);
  const usable = gal(above) - gal(bottom);
  return fromUnits(usable > 0n ? usable : 0n, GALLONS_SCALE);
}

/**
 * Why a tank configuration is inconsistent, by field: the calibration table must rise strictly
 * and cover min..max level; min ≤ usable min < usable max ≤ max; critical < low ≤ capacity; the
 * table may not hold more than the capacity.
 */
export function tankShapeErrors(tank: TankShape): FieldError[] {
  const tableErrors = calibrationTableErrors(tank.calibrationTable);
  const errors: FieldError[] = [...tableErrors];
  const below = (path: string, a: bigint, b: bigint, message: string, orEqual = false) => {
    if (orEqual ? a > b : a >= b) errors.push({ path, message });
  };
  below(
    'maxLevelInches',
    inch(tank.minLevelInches),
    inch(tank.maxLevelInches),
    'maxLevelInches must exceed minLevelInches',
  );
  below(
    'usableMinInches',
    inch(tank.minLevelInches),
    inch(tank.usableMinInches),
    'usableMinInches must be at least minLevelInches',
    true,
  );
  below(
    'usableMaxInches',
    inch(tank.usableMinInches),
    inch(tank.usableMaxInches),
    'usableMaxInches must exceed usableMinInches',
  );
  below(
    'usableMaxInches',
    inch(tank.usableMaxInches),
    inch(tank.maxLevelInches),
    'usableMaxInches must be at most maxLevelInches',
    true,
  );
  below(
    'lowLevelGallons',
    gal(tank.criticalLevelGallons),
    gal(tank.lowLevelGallons),
    'lowLevelGallons must exceed criticalLevelGallons',
  );
  below(
    'lowLevelGallons',
    gal(tank.lowLevelGallons),
    gal(tank.capacityGallons),
    'lowLevelGallons must be at most capacityGallons',
    true,
  );
  if (tableErrors.length) return errors;
  const range = calibratedRange(tank.calibrationTable);
  below(
    'minLevelInches',
    inch(range.from),
    inch(tank.minLevelInches),
    'the calibration table must start at or below minLevelInches',
    true,
  );
  below(
    'maxLevelInches',
    inch(tank.maxLevelInches),
    inch(range.to),
    'the calibration table must reach maxLevelInches',
    true,
  );
  const last = tank.calibrationTable[tank.calibrationTable.length - 1];
  below(
    `calibrationTable.${tank.calibrationTable.length - 1}.gallons`,
    gal(last.gallons),
    gal(tank.capacityGallons),
    'the calibration table cannot hold more than capacityGallons',
    true,
  );
  return errors;
}
