/**
 * 14 CFR 139.321(d) asks for fuel-farm inspections at least every 3 months. A tank is due when its
 * last inspection (or, never inspected, its registration) is older than 3 calendar months. The SQL
 * filters and the DTO flag both take this cutoff, so the list and the job agree.
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

/** Whether a tank last inspected (or registered) at `since` is due at `now`. */
export function isInspectionDue(since: Date, now: Date): boolean {
  return since.getTime() < inspectionCutoff(now).getTime();
}
