/** IANA names ("America/Denver", "UTC"): no POSIX strings or bare offsets, which Postgres reads inverted. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** Whether `zone` is an IANA time zone the runtime (and so Postgres' tz database) knows. */
export function isIanaTimeZone(zone: string): boolean {
  if (!IANA_NAME.test(zone) || /^(Etc\/)?GMT[+-]/.test(zone)) return zone === 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The UTC instants bounding the local calendar day `date` (YYYY-MM-DD) in `zone`: [start, end).
 * A day is 23 or 25 hours across a DST change. Mirrors the SQL the flight board runs
 * (`date::timestamp AT TIME ZONE zone`), for fixtures, the demo and tests.
 */
export function localDayWindow(date: string, zone: string): { start: Date; end: Date } {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { start: zonedMidnight(date, zone), end: zonedMidnight(next.toISOString().slice(0, 10), zone) };
}

/** The local date (YYYY-MM-DD) in `zone` at `instant`. */
export function localDate(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Minutes `zone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
    .formatToParts(instant)
    .reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.type]: Number(p.value) }), {});
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant local midnight starts `date` in `zone` (two passes settle the offset across a change). */
function zonedMidnight(date: string, zone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let guess = wall - offsetMinutes(new Date(wall), zone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess);
}
