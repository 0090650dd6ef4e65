/** Collects positional parameters while a statement's conditions are built. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A local calendar day in an IANA zone; `today` is the current one there. */
export interface LocalDay {
  date: string | 'today';
  timeZone: string;
}

/**
 * SQL for the UTC instants bounding a local day: local midnight to the next local midnight,
 * computed by Postgres (`AT TIME ZONE`), so a day is 23 or 25 hours across a DST change and
 * "today" follows the database clock. Comparing a timestamptz column against these bounds keeps
 * index range scans.
 */
export function localDayBounds(day: LocalDay, params: Params): { start: string; end: string } {
  const zone = `${params.add(day.timeZone)}::text`;
  const date = day.date === 'today' ? `(now() AT TIME ZONE ${zone})::date` : `${params.add(day.date)}::date`;
  return {
    start: `(${date}::timestamp AT TIME ZONE ${zone})`,
    end: `((${date} + 1)::timestamp AT TIME ZONE ${zone})`,
  };
}
