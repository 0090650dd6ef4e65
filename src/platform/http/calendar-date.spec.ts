import { validateSync } from 'class-validator';
import { IsCalendarDate, isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2026-01-15', '1999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['2023-02-29'],
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-1-5'],
    ['2026-01-15T00:00:00Z'],
    [''],
    [20260115],
    [null],
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('IsCalendarDate', () => {
  class Body {
    @IsCalendarDate({ type: String, format: 'date' }, (property) => `${property} must be a date YYYY-MM-DD`)
    day: unknown;
  }

  it('reports the message of the context', () => {
    const body = Object.assign(new Body(), { day: '2026-02-30' });
    expect(validateSync(body).map((e) => e.constraints)).toEqual([{ isCalendarDate: 'day must be a date YYYY-MM-DD' }]);
    expect(validateSync(Object.assign(new Body(), { day: '2026-02-28' }))).toEqual([]);
  });
});
