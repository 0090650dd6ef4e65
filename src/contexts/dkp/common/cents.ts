/**
 * Points arithmetic in whole hundredths, so that JavaScript never rounds a figure: inputs are
 * two-place decimal strings, every value stays an integer number of cents well below 2^53.
 */
export function toCents(points: string): number {
  return Math.round(Number(points) * 100);
}

export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** `points × fraction`, rounded to the nearest hundredth. */
export function scalePoints(points: string, fraction: string | number): string {
  return fromCents(Math.round(toCents(points) * Number(fraction)));
}
