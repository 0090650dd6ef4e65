import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { fieldProblem } from '../common/flight-ops-repository';
import { FboSettingsService } from '../settings/fbo-settings.service';
import {
  CreateParkingLocationDto,
  ListParkingLocationsQueryDto,
  ParkingLocationDto,
  UpdateParkingLocationDto,
} from './dto/parking-location.dto';
import { coordinateErrors, polygonErrors } from './geo';
import { ParkingLocation } from './parking-location.entity';
import { ParkingLocationsRepository } from './parking-locations.repository';

const toParkingLocationDto = (p: ParkingLocation): ParkingLocationDto => ({
  id: p.id,
  locationCode: p.locationCode,
  description: p.description,
  airport: p.airport,
  terminal: p.terminal,
  gate: p.gate,
  latitude: p.latitude,
  longitude: p.longitude,
  polygon: p.polygon,
  displayOrder: p.displayOrder,
  active: p.active,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** Shape rules class-validator cannot state: coordinate ranges and the GeoJSON polygon. */
function assertGeometry(dto: UpdateParkingLocationDto): void {
  const errors = [...coordinateErrors(dto), ...(dto.polygon ? polygonErrors(dto.polygon) : [])];
  if (errors.length) throw Problem.validation(errors);
}

@Injectable()
export class ParkingLocationsService {
  constructor(
    private readonly locations: ParkingLocationsRepository,
    private readonly settings: FboSettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListParkingLocationsQueryDto): Promise<Page<ParkingLocationDto>> {
    const rows = await this.locations.page(orgId, { airport: q.airport, active: q.active }, q);
    return keysetPage(rows, q.limit, (p) => [p.airport, p.displayOrder, p.locationCode], toParkingLocationDto);
  }

  async get(orgId: string, id: string): Promise<ParkingLocationDto> {
    return toParkingLocationDto(await this.locations.load(orgId, id));
  }

  /** An active location of the org, for a flight or line service to park at (404 otherwise). */
  async loadForUse(tx: EntityManager, orgId: string, id: string): Promise<ParkingLocation> {
    const location = await this.locations.load(orgId, id, { tx });
    if (!location.active) throw fieldProblem('parkingLocationId', 'the parking location is not active');
    return location;
  }

  async create(orgId: string, dto: CreateParkingLocationDto): Promise<ParkingLocationDto> {
    assertGeometry(dto);
    return this.write(async (tx) => {
      await this.assertAirport(tx, orgId, dto.airport);
      return this.locations.save(tx, Object.assign(new ParkingLocation(), { ...dto, orgId }));
    });
  }

  async update(orgId: string, id: string, dto: UpdateParkingLocationDto): Promise<ParkingLocationDto> {
    assertGeometry(dto);
    return this.write(async (tx) => {
      const location = await this.locations.load(orgId, id, { tx, lock: true });
      if (dto.airport !== undefined && dto.airport !== location.airport)
        await this.assertAirport(tx, orgId, dto.airport);
      return this.locations.save(tx, Object.assign(location, dto));
    });
  }

  /** Retires the location: flights keep it, new ones cannot pick it. */
  async deactivate(orgId: string, id: string): Promise<void> {
    await this.write(async (tx) => {
      const location = await this.locations.load(orgId, id, { tx, lock: true });
      location.active = false;
      return this.locations.save(tx, location);
    });
  }

  /** One write with its audit entry, answered with the saved row. */
  private write(work: (tx: EntityManager) => Promise<ParkingLocation>): Promise<ParkingLocationDto> {
    return this.locations.transaction(async (tx) => {
      const saved = toParkingLocationDto(await work(tx));
      await this.audit.recordInTransaction(tx, saved);
      return saved;
    });
  }

  private async assertAirport(tx: EntityManager, orgId: string, airport: string): Promise<void> {
    const { airports } = await this.settings.load(orgId, tx);
    if (!airports.includes(airport))
      throw fieldProblem('airport', `${airport} is not one of the FBO's airports (settings)`);
  }
}
