/**
 * Attendance windows: when a 30/60/90-day or lifetime attendance rate starts counting for one
 * member in one pool. Pure rules; `PointsService` feeds them the facts and `PointsQueries` counts
 * raids from the starts they return.
 *
 * A window starts at the later of its own start (now minus N days) and the member's record
 * start ("since"), so raids held before someone joined do not count against them: a recruit who
 * attended every raid since arriving has 100 %, not the share of the month they were around for.
 */

/**
 * Where a member's record starts, per pool (`Pool.attendanceWindowStart`):
 * - `first_raid` (default): the member's first raid in the pool. It needs nothing outside the
 *   DKP data, so it also holds for former members, people added long before they raided, and
 *   orgs whose memberships were created in bulk on the day the tool was adopted (when every
 *   membership "starts" that day and would reset everyone's history).
 * - `membership`: the day the current membership began (the platform's `joinedAt`); raids
 *   attended before joining (as a guest or applicant) do not count either. When the user is not
 *   a member (a former member with points), the first raid is used.
 */
export const ATTENDANCE_WINDOW_STARTS = ['first_raid', 'membership'] as const;
export type AttendanceWindowStart = (typeof ATTENDANCE_WINDOW_STARTS)[number];
export const DEFAULT_ATTENDANCE_WINDOW_START: AttendanceWindowStart = 'first_raid';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instants from which each rate counts raids (inclusive) up to now. */
export interface WindowStarts {
  days30: Date;
  days60: Date;
  days90: Date;
  lifetime: Date;
}

/** What is known of one member in one pool when their windows are computed. */
export interface RecordFacts {
  /**
   * Their first raid in the pool, null if none. A reader that needs only windows beginning at or
   * after some instant W may pass max(W, first raid) instead: `windowStart` gives the same result.
   */
  firstRaidAt: Date | null;
  /** When their current membership began, null when they are not a member. */
  joinedAt: Date | null;
}

/** When the member's record starts under the pool's choice; null when there is none yet. */
export function recordStart(mode: AttendanceWindowStart, facts: RecordFacts): Date | null {
  if (mode === 'membership' && facts.joinedAt) return facts.joinedAt;
  return facts.firstRaidAt;
}

/** THE rule: a window starts at the later of its own start and the record start. */
export function windowStart(windowBegin: Date, since: Date | null): Date {
  return since && since > windowBegin ? since : windowBegin;
}

/** The start of the `days`-day window ending at `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Every window's start for one member. Without a record start (no raid yet, and no membership
 * when the pool counts from it) every window starts now: nothing attended, nothing held.
 */
export function windowStarts(now: Date, since: Date | null): WindowStarts {
  if (!since) return { days30: now, days60: now, days90: now, lifetime: now };
  return {
    days30: windowStart(daysBefore(now, 30), since),
    days60: windowStart(daysBefore(now, 60), since),
    days90: windowStart(daysBefore(now, 90), since),
    lifetime: since,
  };
}

/**
 * What one window's read gives for one member: their raids in it and whether they raided before it.
 * Times are epoch milliseconds: the leaderboard counts these for every row of a page, and comparing
 * numbers instead of Date objects (built, then compared through valueOf) was a measured share of
 * its CPU (bench/RESULTS.md).
 */
export interface WindowAttendance {
  /** Start times of the member's raids in the window (in the pool, up to now), epoch ms, any order. */
  attended: number[];
  /** Whether they attended a raid in the pool before the window began. */
  attendedBefore: boolean;
  /** When their current membership began, null when they are not a member. */
  joinedAt: Date | null;
}

/**
 * Raids attended and held in one window for one member, from the window's raid times (`held`,
 * epoch ms) and its begin (epoch ms): the window starts at the later of its begin and the record
 * start (`recordStart`, `windowStart`: the same rules, on numbers), where the first raid is known
 * to be before the window (`attendedBefore`) or is the earliest raid in it.
 */
export function countInWindow(
  begin: number,
  mode: AttendanceWindowStart,
  member: WindowAttendance,
  held: number[],
): { attended: number; held: number } {
  let earliest = Infinity;
  for (const t of member.attended) if (t < earliest) earliest = t;
  const firstRaidAt = member.attendedBefore ? begin : member.attended.length ? earliest : null;
  const joinedAt = member.joinedAt ? member.joinedAt.getTime() : null;
  const since = mode === 'membership' && joinedAt !== null ? joinedAt : firstRaidAt;
  if (since === null) return { attended: 0, held: 0 };
  const start = since > begin ? since : begin;
  return { attended: countFrom(member.attended, start), held: countFrom(held, start) };
}

function countFrom(times: number[], start: number): number {
  let n = 0;
  for (const t of times) if (t >= start) n++;
  return n;
}

/** Raids attended / raids held, in percent with one decimal (0 when none were held). */
export function attendancePercent(attended: number, held: number): number {
  return held ? Math.round((attended / held) * 1000) / 10 : 0;
}
