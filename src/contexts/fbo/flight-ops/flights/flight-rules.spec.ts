import { Problem } from '../../../../platform/http/problem';
import {
  assertFlightMove,
  FLIGHT_MACHINE,
  FLIGHT_STATUSES,
  FlightStatus,
  groundTimeMinutes,
  scheduleErrors,
} from './flight-rules';

const at = (iso: string) => new Date(iso);

function moveStatus(from: FlightStatus, to: FlightStatus, arrivalAt: Date | null = at('2026-07-04T15:00:00Z')) {
  try {
    assertFlightMove({ status: from, arrivalAt }, to);
    return 'ok';
  } catch (error) {
    const body = (error as Problem).getResponse() as { slug: string; currentState: string };
    return `${(error as Problem).getStatus()} ${body.slug} ${body.currentState}`;
  }
}

describe('flight transitions', () => {
  const allowed: [FlightStatus, FlightStatus][] = [
    ['planned', 'scheduled'],
    ['planned', 'cancelled'],
    ['scheduled', 'delayed'],
    ['scheduled', 'arrived'],
    ['scheduled', 'cancelled'],
    ['delayed', 'scheduled'],
    ['delayed', 'arrived'],
    ['delayed', 'cancelled'],
    ['arrived', 'departed'],
  ];

  it('allows exactly the moves of the issue (and scheduled → departed only when departing only)', () => {
    for (const from of FLIGHT_STATUSES)
      for (const to of FLIGHT_STATUSES) {
        const expected = allowed.some(([a, b]) => a === from && b === to) ? 'ok' : `409 invalid-transition ${from}`;
        expect({ from, to, outcome: moveStatus(from, to) }).toEqual({ from, to, outcome: expected });
      }
    expect(moveStatus('scheduled', 'departed', null)).toBe('ok');
    expect(moveStatus('delayed', 'departed', null)).toBe('409 invalid-transition delayed');
  });

  it('departed and cancelled are final', () => {
    expect(FLIGHT_MACHINE.isFinal('departed')).toBe(true);
    expect(FLIGHT_MACHINE.isFinal('cancelled')).toBe(true);
    expect(FLIGHT_MACHINE.isFinal('arrived')).toBe(false);
  });
});

describe('groundTimeMinutes', () => {
  it('is departure minus arrival in whole minutes, actual times first', () => {
    const planned = { arrivalAt: at('2026-07-04T15:00:00Z'), departureAt: at('2026-07-04T17:30:59Z') };
    expect(groundTimeMinutes(planned)).toBe(150);
    expect(groundTimeMinutes({ ...planned, actualArrivalAt: at('2026-07-04T15:20:00Z') })).toBe(130);
    expect(groundTimeMinutes({ ...planned, actualDepartureAt: at('2026-07-05T15:00:00Z') })).toBe(1440);
  });

  it('is null for a flight that only arrives or only departs, or an impossible pair', () => {
    expect(groundTimeMinutes({ arrivalAt: at('2026-07-04T15:00:00Z'), departureAt: null })).toBeNull();
    expect(groundTimeMinutes({ arrivalAt: null, departureAt: at('2026-07-04T15:00:00Z') })).toBeNull();
    const early = { arrivalAt: at('2026-07-04T15:00:00Z'), departureAt: at('2026-07-04T16:00:00Z') };
    expect(groundTimeMinutes({ ...early, actualArrivalAt: at('2026-07-04T17:00:00Z') })).toBeNull();
  });
});

describe('scheduleErrors', () => {
  it('needs one time at least, and departure not before arrival', () => {
    expect(scheduleErrors({ arrivalAt: null, departureAt: null })[0].path).toBe('arrivalAt');
    expect(
      scheduleErrors({ arrivalAt: at('2026-07-04T15:00:00Z'), departureAt: at('2026-07-04T14:59:00Z') })[0].path,
    ).toBe('departureAt');
    expect(scheduleErrors({ arrivalAt: null, departureAt: at('2026-07-04T14:59:00Z') })).toEqual([]);
  });
});
