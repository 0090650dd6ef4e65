import { addDays, certificationStatus, endOfMonthAfter, expiresOn, isCalendarDate } from './certification-expiry';

describe('certification expiry', () => {
  it('runs calendar months to the end of the month (139.321(e))', () => {
    expect(expiresOn('2024-01-15', { validityCalendarMonths: 24, validityDays: null })).toBe('2026-01-31');
    expect(expiresOn('2024-01-31', { validityCalendarMonths: 1, validityDays: null })).toBe('2024-02-29');
    expect(expiresOn('2023-11-02', { validityCalendarMonths: 3, validityDays: null })).toBe('2024-02-29');
    expect(expiresOn('2025-12-01', { validityCalendarMonths: 12, validityDays: null })).toBe('2026-12-31');
    expect(endOfMonthAfter('2025-06-10', 0)).toBe('2025-06-30');
  });

  it('adds days across months and leap years', () => {
    expect(expiresOn('2024-01-15', { validityCalendarMonths: null, validityDays: 365 })).toBe('2025-01-14');
    expect(expiresOn('2024-02-28', { validityCalendarMonths: null, validityDays: 1 })).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('is valid through its expiry day, expiring soon within the window, then expired', () => {
    expect(certificationStatus('2026-03-10', '2026-03-11', 7)).toBe('expired');
    expect(certificationStatus('2026-03-10', '2026-03-10', 7)).toBe('expiring_soon');
    expect(certificationStatus('2026-03-17', '2026-03-10', 7)).toBe('expiring_soon');
    expect(certificationStatus('2026-03-18', '2026-03-10', 7)).toBe('valid');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });
});
