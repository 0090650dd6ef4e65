import { addDays, addMonths, endOfMonthAfter, todayUtc } from './calendar-dates';

describe('calendar dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-28', 3)).toBe('2026-03-31'); // a DST change in many zones: no effect on dates
  });

  it('adds months clamped to the last day of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('finds the end of the month N months on (14 CFR 139.321(e) calendar months)', () => {
    expect(endOfMonthAfter('2024-01-15', 24)).toBe('2026-01-31');
    expect(endOfMonthAfter('2024-02-01', 0)).toBe('2024-02-29');
  });

  it('refuses strings that are not calendar dates', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', 'today', '2026-1-1']) {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
      expect(() => addMonths(bad, 1)).toThrow(RangeError);
    }
  });

  it("gives today's UTC date", () => {
    expect(todayUtc(new Date('2026-11-29T23:59:59.999Z'))).toBe('2026-11-29');
  });
});
