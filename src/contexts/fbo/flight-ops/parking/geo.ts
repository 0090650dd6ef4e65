import { toUnits } from '../../../../platform/domain/decimal';
import type { FieldError } from '../../../../platform/http/problem';

/** A GeoJSON Polygon (RFC 7946 §3.1.6): rings of [longitude, latitude], each closed. */
export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

const MAX_RINGS = 10;
const MAX_POSITIONS = 500;

const isLon = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 180;
const isLat = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 90;

/** What is wrong with one ring, or null: at least four [lon, lat] positions, the last equal to the first. */
function ringError(ring: unknown): { at?: number; message: string } | null {
  if (!Array.isArray(ring) || ring.length < 4 || ring.length > MAX_POSITIONS)
    return { message: `a ring must be an array of 4 to ${MAX_POSITIONS} positions` };
  const bad = ring.findIndex((p) => !Array.isArray(p) || p.length !== 2 || !isLon(p[0]) || !isLat(p[1]));
  if (bad >= 0) return { at: bad, message: 'a position must be [longitude (-180..180), latitude (-90..90)]' };
  const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (first[0] !== last[0] || first[1] !== last[1]) return { message: 'a ring must end at its first position' };
  return null;
}

/**
 * The errors of a would-be GeoJSON Polygon under `path`, empty when it is one. Only the shape is
 * checked (closed rings of valid positions), not winding or self-intersection: a parking spot
 * drawn either way round is still that spot.
 */
export function polygonErrors(value: unknown, path = 'polygon'): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ path, message: `${path} must be a GeoJSON Polygon object` }];
  const { type, coordinates, ...rest } = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (type !== 'Polygon') errors.push({ path: `${path}.type`, message: 'type must be "Polygon"' });
  for (const key of Object.keys(rest)) errors.push({ path: `${path}.${key}`, message: `${key} is not allowed` });
  if (!Array.isArray(coordinates) || coordinates.length < 1 || coordinates.length > MAX_RINGS) {
    errors.push({ path: `${path}.coordinates`, message: `coordinates must hold 1 to ${MAX_RINGS} rings` });
    return errors;
  }
  coordinates.forEach((ring, i) => {
    const error = ringError(ring);
    if (error) {
      const at = error.at === undefined ? '' : `.${error.at}`;
      errors.push({ path: `${path}.coordinates.${i}${at}`, message: error.message });
    }
  });
  return errors;
}

/** Degrees as decimal strings at six places (~0.1 m): exact, unlike floats, and range-checked. */
export const DEGREE_SCALE = 6;

/** The error of a latitude/longitude decimal string outside its range, or none. */
export function coordinateErrors(point: { latitude?: string | null; longitude?: string | null }): FieldError[] {
  const errors: FieldError[] = [];
  const outside = (value: string | null | undefined, limit: number) =>
    value != null &&
    (toUnits(value, DEGREE_SCALE) > BigInt(limit) * 10n ** 6n ||
      toUnits(value, DEGREE_SCALE) < -BigInt(limit) * 10n ** 6n);
  if (outside(point.latitude, 90)) errors.push({ path: 'latitude', message: 'latitude must be within -90..90' });
  if (outside(point.longitude, 180)) errors.push({ path: 'longitude', message: 'longitude must be within -180..180' });
  return errors;
}
