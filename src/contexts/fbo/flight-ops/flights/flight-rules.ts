import { invalidTransition, StateMachine } from '../../../../platform/domain/state-machine';
import type { FieldError } from '../../../../platform/http/problem';

export const FLIGHT_STATUSES = ['planned', 'scheduled', 'delayed', 'arrived', 'departed', 'cancelled'] as const;
export type FlightStatus = (typeof FLIGHT_STATUSES)[number];

/** Who booked the flight: the desk, the line, an integration (airline feed) or a calendar import. */
export const FLIGHT_SOURCES = ['front_desk', 'line', 'integration', 'calendar'] as const;
export type FlightSource = (typeof FLIGHT_SOURCES)[number];

/** What the aircraft needs on the ground (the seed's free list, closed to these). */
export const FLIGHT_SERVICES = [
  'fuel',
  'lav',
  'water',
  'gpu',
  'air_start',
  'oxygen',
  'deice',
  'catering',
  'hangar',
  'tow',
  'cleaning',
  'crew_car',
  'rental_car',
  'customs',
] as const;
export type FlightService = (typeof FLIGHT_SERVICES)[number];

/**
 * A flight's lifecycle. `scheduled → departed` is in the table for departing-only flights (no
 * arrival: they are already on the ramp); `assertFlightMove` refuses it for a flight that arrives.
 */
export const FLIGHT_MACHINE = new StateMachine<FlightStatus>('flight', {
  planned: ['scheduled', 'cancelled'],
  scheduled: ['delayed', 'arrived', 'departed', 'cancelled'],
  delayed: ['scheduled', 'arrived', 'cancelled'],
  arrived: ['departed'],
  departed: [],
  cancelled: [],
});

/** Throws 409 `invalid-transition` unless the flight may move to `to`. */
export function assertFlightMove(flight: { status: FlightStatus; arrivalAt: Date | null }, to: FlightStatus): void {
  FLIGHT_MACHINE.assert(flight.status, to);
  if (flight.status === 'scheduled' && to === 'departed' && flight.arrivalAt !== null)
    throw invalidTransition('flight', flight.status, to);
}

/** The events a move announces (scheduling is routine and announces nothing). */
export const FLIGHT_EVENTS: Partial<Record<FlightStatus, string>> = {
  arrived: 'fbo.flight.arrived',
  departed: 'fbo.flight.departed',
  delayed: 'fbo.flight.delayed',
  cancelled: 'fbo.flight.cancelled',
};

export interface FlightTimes {
  arrivalAt: Date | null;
  departureAt: Date | null;
  actualArrivalAt?: Date | null;
  actualDepartureAt?: Date | null;
}

/** A flight arrives, departs, or both (arrival first). */
export function scheduleErrors(times: FlightTimes): FieldError[] {
  if (!times.arrivalAt && !times.departureAt)
    return [{ path: 'arrivalAt', message: 'a flight needs an arrivalAt, a departureAt or both' }];
  if (times.arrivalAt && times.departureAt && times.departureAt < times.arrivalAt)
    return [{ path: 'departureAt', message: 'departureAt must not be before arrivalAt' }];
  return [];
}

/**
 * Minutes on the ground, from the actual times where known, else the planned ones; null unless
 * the flight both arrives and departs. Whole minutes, rounded down.
 */
export function groundTimeMinutes(times: FlightTimes): number | null {
  const arrival = times.actualArrivalAt ?? times.arrivalAt;
  const departure = times.actualDepartureAt ?? times.departureAt;
  if (!arrival || !departure || departure < arrival) return null;
  return Math.floor((departure.getTime() - arrival.getTime()) / 60_000);
}

/** The time a flight sorts by on boards: its arrival, or its departure when it only departs. */
export const boardTime = (times: FlightTimes): Date => (times.arrivalAt ?? times.departureAt)!;
