import { addDays, dueDate, prepaymentDueDate, reminderDates } from './payment-terms';

describe('payment terms', () => {
  it('the balance is due netDays after the invoice date, across months, years and leap days', () => {
    expect(dueDate({ netDays: 30 }, '2026-01-15')).toBe('2026-02-14');
    expect(dueDate({ netDays: 0 }, '2026-03-01')).toBe('2026-03-01');
    expect(dueDate({ netDays: 14 }, '2026-12-25')).toBe('2027-01-08');
    expect(dueDate({ netDays: 1 }, '2028-02-28')).toBe('2028-02-29');
    expect(dueDate({ netDays: 1 }, '2027-02-28')).toBe('2027-03-01');
  });

  it('a prepayment is due prepayDays before shipment, none when prepayDays is 0', () => {
    expect(prepaymentDueDate({ prepayDays: 3 }, '2026-03-02')).toBe('2026-02-27');
    expect(prepaymentDueDate({ prepayDays: 0 }, '2026-03-02')).toBeNull();
  });

  it('reminders follow the schedule, relative to the due date, sorted and once per day', () => {
    expect(reminderDates('2026-05-10', [7, -3, 0, 7, 30])).toEqual([
      '2026-05-07',
      '2026-05-10',
      '2026-05-17',
      '2026-06-09',
    ]);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('26-1-1', 1)).toThrow(RangeError);
  });
});
