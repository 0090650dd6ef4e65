import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { timeAndIdCursor } from '../../../../platform/http/pagination';
import { containsPattern } from '../../../../platform/database/like-pattern';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { LocalDay, localDayBounds, Params } from '../common/sql';
import { Flight } from './flight.entity';
import type { FlightStatus } from './flight-rules';

/** A flight as the board SQL returns it: the row plus its aircraft's tail and its spot's code. */
export type FlightRow = Flight & { tailNumber: string | null; parkingLocationCode: string | null };

export interface FlightFilter {
  /** Flights arriving or departing on a local day. */
  day?: LocalDay;
  from?: Date;
  to?: Date;
  status?: FlightStatus;
  aircraftId?: string;
  locationId?: string;
  tag?: string;
  search?: string;
}

/** The board's columns over `source` (a table or CTE of flight rows) as `f`, with the tail and spot code. */
const flightColumns = (
  source: string,
) => `f.id, f.org_id AS "orgId", f.aircraft_id AS "aircraftId", a.tail_number AS "tailNumber",
  f.call_sign AS "callSign", f.arrival_at AS "arrivalAt", f.departure_at AS "departureAt", f.board_at AS "boardAt",
  f.actual_arrival_at AS "actualArrivalAt", f.actual_departure_at AS "actualDepartureAt", f.origin, f.destination,
  f.contact_name AS "contactName", f.services, f.fuel_order_notes AS "fuelOrderNotes",
  f.passenger_count AS "passengerCount", f.parking_location_id AS "parkingLocationId",
  p.location_code AS "parkingLocationCode", f.source, f.tags, f.status, f.created_at AS "createdAt",
  f.updated_at AS "updatedAt"
  FROM ${source} f
  LEFT JOIN fbo_aircraft a ON a.id = f.aircraft_id
  LEFT JOIN fbo_parking_locations p ON p.id = f.parking_location_id`;

/** "Arrives or departs within [start, end)": both columns are indexed, so each side is a range scan. */
const arrivesOrDeparts = (start: string, end: string) =>
  `((f.arrival_at >= ${start} AND f.arrival_at < ${end}) OR (f.departure_at >= ${start} AND f.departure_at < ${end}))`;

/** The conditions of a board query. */
function conditions(orgId: string, filter: FlightFilter, params: Params): string[] {
  const where = [`f.org_id = ${params.add(orgId)}`];
  if (filter.day) {
    const { start, end } = localDayBounds(filter.day, params);
    where.push(arrivesOrDeparts(start, end));
  }
  if (filter.from || filter.to) {
    const start = filter.from ? `${params.add(filter.from)}::timestamptz` : `'-infinity'::timestamptz`;
    const end = filter.to ? `${params.add(filter.to)}::timestamptz` : `'infinity'::timestamptz`;
    where.push(arrivesOrDeparts(start, end));
  }
  if (filter.status) where.push(`f.status = ${params.add(filter.status)}`);
  if (filter.aircraftId) where.push(`f.aircraft_id = ${params.add(filter.aircraftId)}`);
  if (filter.locationId) where.push(`f.parking_location_id = ${params.add(filter.locationId)}`);
  if (filter.tag) where.push(`${params.add(filter.tag)} = ANY(f.tags)`);
  if (filter.search) {
    const like = params.add(containsPattern(filter.search));
    where.push(`(f.call_sign ILIKE ${like} OR f.destination ILIKE ${like})`);
  }
  return where;
}

/** The SQL of `fbo_flights`. */
@Injectable()
export class FlightsRepository extends FlightOpsRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<Flight> {
    return findInOrg(this.managerOf(options.tx), Flight, orgId, id, 'Flight', options);
  }

  /** One flight with its tail and spot code, or null. */
  async row(orgId: string, id: string, tx?: EntityManager): Promise<FlightRow | null> {
    const rows: FlightRow[] = await this.managerOf(tx).query(
      `SELECT ${flightColumns('fbo_flights')} WHERE f.org_id = $1 AND f.id = $2`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * A board page in time order (boardAt, id), `limit + 1` rows. A day's (or a bounded window's)
   * flights are gathered first through the arrival and departure indexes, then sorted and cut to
   * the page before the joins: left to itself the planner walks the board index from the org's
   * first flight and filters, reading the whole history before the day (a year of flights: seconds).
   */
  page(orgId: string, filter: FlightFilter, page: { limit: number; cursor?: string }): Promise<FlightRow[]> {
    const params = new Params();
    const where = conditions(orgId, filter, params);
    if (page.cursor) {
      const [time, id] = timeAndIdCursor(page.cursor);
      where.push(`(f.board_at, f.id) > (${params.add(time)}::timestamptz, ${params.add(id)}::uuid)`);
    }
    const limit = params.add(page.limit + 1);
    const order = `ORDER BY f.board_at, f.id LIMIT ${limit}`;
    const windowed = filter.day || (filter.from && filter.to);
    return this.db.query(
      windowed
        ? `WITH window_flights AS MATERIALIZED (SELECT f.* FROM fbo_flights f WHERE ${where.join(' AND ')})
           SELECT ${flightColumns(`(SELECT * FROM window_flights f ${order})`)} ORDER BY f.board_at, f.id`
        : `SELECT ${flightColumns('fbo_flights')} WHERE ${where.join(' AND ')} ${order}`,
      params.values,
    );
  }

  save(tx: EntityManager, flight: Flight): Promise<Flight> {
    return tx.save(Flight, flight);
  }
}
