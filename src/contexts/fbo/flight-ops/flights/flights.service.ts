import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { AircraftService } from '../aircraft/aircraft.service';
import { ParkingLocationsService } from '../parking/parking-locations.service';
import { FboSettingsService } from '../settings/fbo-settings.service';
import {
  CreateFlightDto,
  FlightDto,
  ListFlightsQueryDto,
  TransitionFlightDto,
  UpdateFlightDto,
} from './dto/flight.dto';
import { Flight } from './flight.entity';
import {
  assertFlightMove,
  boardTime,
  FLIGHT_EVENTS,
  FLIGHT_MACHINE,
  groundTimeMinutes,
  scheduleErrors,
} from './flight-rules';
import { FlightFilter, FlightRow, FlightsRepository } from './flights.repository';

const toFlightDto = (f: FlightRow): FlightDto => ({
  id: f.id,
  aircraftId: f.aircraftId,
  tailNumber: f.tailNumber,
  callSign: f.callSign,
  arrivalAt: f.arrivalAt,
  departureAt: f.departureAt,
  actualArrivalAt: f.actualArrivalAt,
  actualDepartureAt: f.actualDepartureAt,
  origin: f.origin,
  destination: f.destination,
  contactName: f.contactName,
  services: f.services,
  fuelOrderNotes: f.fuelOrderNotes,
  passengerCount: f.passengerCount,
  parkingLocationId: f.parkingLocationId,
  parkingLocationCode: f.parkingLocationCode,
  source: f.source,
  tags: f.tags,
  status: f.status,
  groundTimeMinutes: groundTimeMinutes(f),
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});

@Injectable()
export class FlightsService {
  constructor(
    private readonly flights: FlightsRepository,
    private readonly aircraft: AircraftService,
    private readonly locations: ParkingLocationsService,
    private readonly settings: FboSettingsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListFlightsQueryDto): Promise<Page<FlightDto>> {
    const filter: FlightFilter = { ...q, day: await this.settings.localDay(orgId, q) };
    const rows = await this.flights.page(orgId, filter, q);
    return keysetPage(rows, q.limit, (f) => timeAndId(f.boardAt, f.id), toFlightDto);
  }

  async get(orgId: string, id: string): Promise<FlightDto> {
    const row = await this.flights.row(orgId, id);
    if (!row) throw Problem.notFound('Flight');
    return toFlightDto(row);
  }

  /** The flight inside a caller's transaction (a line service's), 404 when it is not the org's. */
  load(tx: EntityManager, orgId: string, id: string): Promise<Flight> {
    return this.flights.load(orgId, id, { tx });
  }

  create(orgId: string, dto: CreateFlightDto): Promise<FlightDto> {
    return this.write(orgId, async (tx) => {
      const flight = Object.assign(new Flight(), { orgId, ...dto });
      await this.checkAndDerive(tx, orgId, flight, dto);
      return this.flights.save(tx, flight);
    });
  }

  /** Changes a flight's booking; a departed or cancelled flight is closed (409). */
  update(orgId: string, id: string, dto: UpdateFlightDto): Promise<FlightDto> {
    return this.write(orgId, async (tx) => {
      const flight = await this.flights.load(orgId, id, { tx, lock: true });
      if (FLIGHT_MACHINE.isFinal(flight.status))
        throw Problem.conflict(`The flight is ${flight.status}; it can no longer change`, 'fbo-flight-closed', {
          currentState: flight.status,
        });
      Object.assign(flight, dto);
      await this.checkAndDerive(tx, orgId, flight, dto);
      return this.flights.save(tx, flight);
    });
  }

  /** Moves a flight along its lifecycle, recording the actual time of an arrival or departure. */
  transition(orgId: string, id: string, dto: TransitionFlightDto): Promise<FlightDto> {
    return this.write(orgId, async (tx) => {
      const flight = await this.flights.load(orgId, id, { tx, lock: true });
      const from = flight.status;
      assertFlightMove(flight, dto.to);
      const at = dto.at ?? new Date();
      flight.status = dto.to;
      if (dto.to === 'arrived') flight.actualArrivalAt = at;
      if (dto.to === 'departed') flight.actualDepartureAt = at;
      if (flight.actualArrivalAt && flight.actualDepartureAt && flight.actualDepartureAt < flight.actualArrivalAt)
        throw Problem.validation([{ path: 'at', message: 'a departure cannot be before the arrival' }]);
      const saved = await this.flights.save(tx, flight);
      const type = FLIGHT_EVENTS[dto.to];
      if (type)
        await this.events.record(tx, {
          orgId,
          type,
          subjectId: flight.id,
          payload: { flightId: flight.id, from, to: dto.to, at: at.toISOString(), callSign: flight.callSign },
        });
      return saved;
    });
  }

  /**
   * Cross-field and cross-row rules: times, the org's aircraft and an active spot (404 for another
   * org's ids), the org's tags. Also sets the derived board time.
   */
  private async checkAndDerive(tx: EntityManager, orgId: string, flight: Flight, dto: UpdateFlightDto) {
    flight.arrivalAt ??= null;
    flight.departureAt ??= null;
    const errors = scheduleErrors(flight);
    if (errors.length) throw Problem.validation(errors);
    flight.boardAt = boardTime(flight);
    if (dto.aircraftId) await this.aircraft.load(tx, orgId, dto.aircraftId);
    if (dto.parkingLocationId) await this.locations.loadForUse(tx, orgId, dto.parkingLocationId);
    if (dto.services) flight.services = [...new Set(dto.services)];
    if (dto.tags) flight.tags = await this.settings.knownTags(orgId, dto.tags, tx);
  }

  /** One write, answered with the flight as boards show it, audited in its transaction. */
  private write(orgId: string, work: (tx: EntityManager) => Promise<Flight>): Promise<FlightDto> {
    return this.flights.transaction(async (tx) => {
      const saved = await work(tx);
      const dto = toFlightDto((await this.flights.row(orgId, saved.id, tx))!);
      await this.audit.recordInTransaction(tx, dto);
      return dto;
    });
  }
}
