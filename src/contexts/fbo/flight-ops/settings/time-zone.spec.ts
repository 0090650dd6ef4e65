import { isIanaTimeZone, localDate, localDayWindow } from './time-zone';

describe('isIanaTimeZone', () => {
  it.each(['UTC', 'America/Denver', 'America/Argentina/Buenos_Aires', 'Pacific/Kiritimati'])('accepts %s', (zone) =>
    expect(isIanaTimeZone(zone)).toBe(true),
  );
  it.each(['', 'Mars/Olympus', 'EST5EDT,M3.2.0', '+05:00', 'Etc/GMT+7', 'America/Denver; drop', 'x'.repeat(80)])(
    'refuses %j',
    (zone) => expect(isIanaTimeZone(zone)).toBe(false),
  );
});

describe('localDayWindow', () => {
  it('is 24 hours on an ordinary day, starting at local midnight', () => {
    expect(localDayWindow('2026-07-04', 'America/Denver')).toEqual({
      start: new Date('2026-07-04T06:00:00Z'),
      end: new Date('2026-07-05T06:00:00Z'),
    });
  });

  it('is 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = localDayWindow('2026-03-08', 'America/Denver');
    expect(spring).toEqual({ start: new Date('2026-03-08T07:00:00Z'), end: new Date('2026-03-09T06:00:00Z') });
    const fall = localDayWindow('2026-11-01', 'America/Denver');
    expect(fall).toEqual({ start: new Date('2026-11-01T06:00:00Z'), end: new Date('2026-11-02T07:00:00Z') });
  });

  it('runs ahead of UTC east of Greenwich (the local day starts the UTC day before)', () => {
    expect(localDayWindow('2026-01-01', 'Pacific/Kiritimati').start).toEqual(new Date('2025-12-31T10:00:00Z'));
    expect(localDayWindow('2026-01-01', 'UTC')).toEqual({
      start: new Date('2026-01-01T00:00:00Z'),
      end: new Date('2026-01-02T00:00:00Z'),
    });
  });

  it('agrees with localDate on both sides of local midnight', () => {
    const { start } = localDayWindow('2026-03-08', 'America/Denver');
    expect(localDate(start, 'America/Denver')).toBe('2026-03-08');
    expect(localDate(new Date(start.getTime() - 1), 'America/Denver')).toBe('2026-03-07');
  });
});
