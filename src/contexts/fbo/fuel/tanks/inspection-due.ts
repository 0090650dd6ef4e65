/**
 * 14 CFR 139.321(d) asks for fuel-farm inspections (storage and fueling vehicles) at least every 3
 * months. A tank or a fuel truck is due when its last inspection (or, never inspected, its
 * registration) is older than 3 calendar months. The SQL filters and the DTO flags both take this
 * cutoff, so the lists and the job agree.
 */
export const INSPECTION_INTERVAL_MONTHS = 3;

/** The instant 3 calendar months before `now` (UTC; the 31st falls back to the month's last day). */
export function inspectionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - INSPECTION_INTERVAL_MONTHS);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/** Whether a tank (or truck) last inspected (or registered) at `since` is due at `now`. */
export function isInspectionDue(since: Date, now: Date): boolean {
  return since.getTime() < inspectionCutoff(now).getTime();
}

/** What the inspection rule reads of a fuel truck. */
export interface InspectedTruck {
  type: string;
  status: string;
  lastInspectedAt: Date | null;
  createdAt: Date;
}

/**
 * Whether a unit is due for a fuel-truck inspection at `now`: null for a unit that is not a fuel
 * truck; never for a truck out of service (off the line, it fuels nothing until it comes back through
 * maintenance, when it is due again by its dates); otherwise by `isInspectionDue`.
 */
export function truckInspectionDue(unit: InspectedTruck, now: Date): boolean | null {
  if (unit.type !== 'fuel_truck') return null;
  if (unit.status === 'out_of_service') return false;
  return isInspectionDue(unit.lastInspectedAt ?? unit.createdAt, now);
}
