/**
 * Which value a raid's attendance pays (before the pool's late / left-early fractions):
 * - the raid's own value when it has one (set at creation, from the event's default points when
 *   omitted, or by PATCH); a RaidTick Points column is then only reported, never used;
 * - else the RaidTick file's Points column (a raid created with `value: null` leaves it to the
 *   import), which then becomes the raid's value so later additions pay the same;
 * - else nothing can be paid: the caller refuses the request.
 */

export const VALUE_SOURCES = ['raid', 'raidtick'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

export type AwardValue =
  | { ok: true; value: string; source: ValueSource }
  /** `no_value`: no raid value and no Points column; `points_differ`: the file's ticks disagree. */
  | { ok: false; reason: 'no_value' | 'points_differ'; filePoints: string[] };

/** `filePoints`: the distinct Points values of the file (see `ParsedAttendance.filePoints`). */
export function chooseAwardValue(raidValue: string | null, filePoints: readonly string[] = []): AwardValue {
  if (raidValue !== null) return { ok: true, value: raidValue, source: 'raid' };
  if (filePoints.length === 1) return { ok: true, value: filePoints[0], source: 'raidtick' };
  return { ok: false, reason: filePoints.length ? 'points_differ' : 'no_value', filePoints: [...filePoints] };
}
