import {
  attendancePercent,
  countInWindow,
  daysBefore,
  recordStart,
  windowStart,
  windowStarts,
} from './attendance-window';

const now = new Date('2026-03-31T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('attendance windows', () => {
  describe('windowStart', () => {
    it('keeps the window start when the record started before it', () => {
      expect(windowStart(daysBefore(now, 30), at('2025-01-01T00:00:00Z'))).toEqual(daysBefore(now, 30));
    });

    it('starts at the record start when it is later than the window start', () => {
      expect(windowStart(daysBefore(now, 30), at('2026-03-20T20:00:00Z'))).toEqual(at('2026-03-20T20:00:00Z'));
    });

    it('keeps the window start when there is no record start', () => {
      expect(windowStart(daysBefore(now, 30), null)).toEqual(daysBefore(now, 30));
    });

    it('treats a record start equal to the window start as the window start', () => {
      expect(windowStart(daysBefore(now, 30), daysBefore(now, 30))).toEqual(daysBefore(now, 30));
    });
  });

  describe('recordStart', () => {
    const facts = { firstRaidAt: at('2026-03-10T20:00:00Z'), joinedAt: at('2026-03-01T00:00:00Z') };

    it('counts from the first raid by default', () => {
      expect(recordStart('first_raid', facts)).toEqual(facts.firstRaidAt);
    });

    it('counts from the membership start when the pool says so', () => {
      expect(recordStart('membership', facts)).toEqual(facts.joinedAt);
    });

    it('falls back to the first raid for someone who is no longer a member', () => {
      expect(recordStart('membership', { ...facts, joinedAt: null })).toEqual(facts.firstRaidAt);
    });

    it('has no record start without a raid (first_raid) or a membership', () => {
      expect(recordStart('first_raid', { firstRaidAt: null, joinedAt: facts.joinedAt })).toBeNull();
      expect(recordStart('membership', { firstRaidAt: null, joinedAt: null })).toBeNull();
    });
  });

  describe('windowStarts', () => {
    it('clips every window to a record start ten days ago, lifetime included', () => {
      const since = daysBefore(now, 10);
      expect(windowStarts(now, since)).toEqual({ days30: since, days60: since, days90: since, lifetime: since });
    });

    it('clips only the windows that begin before a record start 45 days ago', () => {
      const since = daysBefore(now, 45);
      expect(windowStarts(now, since)).toEqual({
        days30: daysBefore(now, 30),
        days60: since,
        days90: since,
        lifetime: since,
      });
    });

    it('starts every window now without a record start, so that nothing counts', () => {
      expect(windowStarts(now, null)).toEqual({ days30: now, days60: now, days90: now, lifetime: now });
    });
  });

  describe('countInWindow (epoch ms)', () => {
    const begin = daysBefore(now, 30).getTime();
    const ms = (iso: string) => at(iso).getTime();
    const held = [ms('2026-03-05T20:00:00Z'), ms('2026-03-12T20:00:00Z'), ms('2026-03-19T20:00:00Z')];
    const member = { attended: [ms('2026-03-19T20:00:00Z'), ms('2026-03-12T20:00:00Z')], joinedAt: null };

    it('counts from the first raid in the window when the member did not raid before it', () => {
      expect(countInWindow(begin, 'first_raid', { ...member, attendedBefore: false }, held)).toEqual({
        attended: 2,
        held: 2,
      });
    });

    it('counts the whole window when the member raided before it', () => {
      expect(countInWindow(begin, 'first_raid', { ...member, attendedBefore: true }, held)).toEqual({
        attended: 2,
        held: 3,
      });
    });

    it('counts from the membership start when the pool says so', () => {
      const joined = { ...member, attendedBefore: true, joinedAt: at('2026-03-15T00:00:00Z') };
      expect(countInWindow(begin, 'membership', joined, held)).toEqual({ attended: 1, held: 1 });
    });

    it('counts nothing without a record start', () => {
      expect(countInWindow(begin, 'first_raid', { attended: [], attendedBefore: false, joinedAt: null }, held)).toEqual(
        { attended: 0, held: 0 },
      );
    });
  });

  describe('attendancePercent', () => {
    it('is a percentage with one decimal', () => {
      expect(attendancePercent(2, 3)).toBe(66.7);
      expect(attendancePercent(4, 4)).toBe(100);
    });

    it('is 0 when no raid was held', () => {
      expect(attendancePercent(0, 0)).toBe(0);
    });
  });
});
