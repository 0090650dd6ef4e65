import { fromCents, scalePoints, toCents } from '../common/cents';
import { points } from '../common/points';
import type { AttendanceFlag } from './attendance.entity';
import type { AttendanceResultDto } from './dto/attendance.dto';

export interface Attendee {
  name: string;
  flag?: AttendanceFlag;
}

/** A named character and the user who owned it at raid time. */
export interface Owner {
  name: string;
  userId: string;
}

/** What a raid pays: its value, scaled by the pool's fractions for late and early leavers. */
export interface RaidPay {
  value: string;
  lateAwardFraction: string;
  leftEarlyAwardFraction: string;
}

export type AttendanceTally = Omit<AttendanceResultDto, 'raidId' | 'dryRun' | 'value' | 'valueSource'>;

/** Points for one attendee: full value on time, the pool's fraction when late or leaving early. */
export function awardFor(pay: RaidPay, flag: AttendanceFlag): string {
  if (flag === 'late') return scalePoints(pay.value, pay.lateAwardFraction);
  if (flag === 'left_early') return scalePoints(pay.value, pay.leftEarlyAwardFraction);
  return points(pay.value);
}

/**
 * Decides who a list of attendees credits. A user is credited once per raid however many of
 * their characters attended (`same_user`) and never twice for one raid (`already_credited`);
 * a name given twice counts once; names that match no character are returned as unknown.
 */
export function tallyAttendance(
  attendees: Attendee[],
  owners: Map<string, Owner>,
  credited: Set<string>,
  pay: RaidPay,
): AttendanceTally {
  const tally: AttendanceTally = { awarded: [], notAwarded: [], unknown: [], totalPoints: '0.00' };
  const inThisBatch = new Set<string>();
  const seenNames = new Set<string>();
  for (const attendee of attendees) {
    const key = attendee.name.toLowerCase();
    if (seenNames.has(key)) continue;
    seenNames.add(key);
    const owner = owners.get(key);
    if (!owner) {
      tally.unknown.push(attendee.name);
    } else if (credited.has(owner.userId) || inThisBatch.has(owner.userId)) {
      const reason = credited.has(owner.userId) ? 'already_credited' : 'same_user';
      tally.notAwarded.push({ characterName: owner.name, userId: owner.userId, reason });
    } else {
      inThisBatch.add(owner.userId);
      const flag = attendee.flag ?? 'on_time';
      tally.awarded.push({ characterName: owner.name, userId: owner.userId, flag, points: awardFor(pay, flag) });
    }
  }
  tally.totalPoints = fromCents(tally.awarded.reduce((sum, a) => sum + toCents(a.points), 0));
  return tally;
}
