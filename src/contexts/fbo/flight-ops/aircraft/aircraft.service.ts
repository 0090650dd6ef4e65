import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { keysetPage, Page } from '../../../../platform/http/pagination';
import { Aircraft } from './aircraft.entity';
import { AircraftRepository } from './aircraft.repository';
import { AircraftDto, CreateAircraftDto, ListAircraftQueryDto, UpdateAircraftDto } from './dto/aircraft.dto';

const toAircraftDto = (a: Aircraft): AircraftDto => ({
  id: a.id,
  tailNumber: a.tailNumber,
  typeIcao: a.typeIcao,
  typeDisplay: a.typeDisplay,
  airlineIcao: a.airlineIcao,
  fleetId: a.fleetId,
  operator: a.operator,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

@Injectable()
export class AircraftService {
  constructor(
    private readonly aircraft: AircraftRepository,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListAircraftQueryDto): Promise<Page<AircraftDto>> {
    const rows = await this.aircraft.page(orgId, q.search, q);
    return keysetPage(rows, q.limit, (a) => [a.tailNumber], toAircraftDto);
  }

  async get(orgId: string, id: string): Promise<AircraftDto> {
    return toAircraftDto(await this.aircraft.load(orgId, id));
  }

  /** The aircraft inside a caller's transaction (a flight's), 404 when it is not the org's. */
  load(tx: EntityManager, orgId: string, id: string): Promise<Aircraft> {
    return this.aircraft.load(orgId, id, { tx });
  }

  create(orgId: string, dto: CreateAircraftDto): Promise<AircraftDto> {
    return this.write((tx) => this.aircraft.save(tx, Object.assign(new Aircraft(), { ...dto, orgId })));
  }

  /** Registers many aircraft in one transaction and one insert (the demo, imports): all or none. */
  createMany(orgId: string, dtos: CreateAircraftDto[]): Promise<AircraftDto[]> {
    return this.aircraft.transaction(async (tx) => {
      const rows = dtos.map((dto) => Object.assign(new Aircraft(), { ...dto, orgId }));
      const saved = (await this.aircraft.insertMany(tx, rows)).map(toAircraftDto);
      for (const result of saved) await this.audit.recordInTransaction(tx, result);
      return saved;
    });
  }

  update(orgId: string, id: string, dto: UpdateAircraftDto): Promise<AircraftDto> {
    return this.write(async (tx) =>
      this.aircraft.save(tx, Object.assign(await this.aircraft.load(orgId, id, { tx, lock: true }), dto)),
    );
  }

  async remove(orgId: string, id: string): Promise<void> {
    await this.aircraft.transaction(async (tx) => {
      await this.aircraft.load(orgId, id, { tx, lock: true });
      await this.aircraft.remove(tx, orgId, id);
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  private write(work: (tx: EntityManager) => Promise<Aircraft>): Promise<AircraftDto> {
    return this.aircraft.transaction(async (tx) => {
      const saved = toAircraftDto(await work(tx));
      await this.audit.recordInTransaction(tx, saved);
      return saved;
    });
  }
}
