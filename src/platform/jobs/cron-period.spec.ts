import { assertValidSchedule, currentPeriod } from './cron-period';

describe('currentPeriod', () => {
  const at = (iso: string) => new Date(iso);

  it('is the latest tick at or before now, in UTC by default', () => {
    expect(currentPeriod({ cron: '0 * * * *' }, at('2026-05-01T10:59:59Z'))).toEqual(at('2026-05-01T10:00:00Z'));
    expect(currentPeriod({ cron: '0 * * * *' }, at('2026-05-01T11:00:00Z'))).toEqual(at('2026-05-01T11:00:00Z'));
  });

  it('reads the expression in the time zone, across a daylight-saving change', () => {
    const berlin = { cron: '0 8 * * *', tz: 'Europe/Berlin' };
    // Winter: 08:00 CET is 07:00 UTC; before it, the period is still yesterday's.
    expect(currentPeriod(berlin, at('2026-03-28T07:30:00Z'))).toEqual(at('2026-03-28T07:00:00Z'));
    expect(currentPeriod(berlin, at('2026-03-28T06:59:00Z'))).toEqual(at('2026-03-27T07:00:00Z'));
    // Summer (from 29 March): 08:00 CEST is 06:00 UTC.
    expect(currentPeriod(berlin, at('2026-03-29T06:00:00Z'))).toEqual(at('2026-03-29T06:00:00Z'));
  });

  it('refuses a malformed expression or an unknown zone', () => {
    expect(() => assertValidSchedule({ cron: 'every day' })).toThrow();
    expect(() => assertValidSchedule({ cron: '0 8 * * *', tz: 'Mars/Olympus' })).toThrow();
  });
});
