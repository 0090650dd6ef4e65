import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { fieldProblem } from '../common/flight-ops-repository';
import { equipmentHolder } from '../equipment/equipment-rules';
import { EquipmentService } from '../equipment/equipment.service';
import { FlightsService } from '../flights/flights.service';
import { ParkingLocationsService } from '../parking/parking-locations.service';
import { FboSettingsService } from '../settings/fbo-settings.service';
import {
  CreateLineServiceDto,
  LineServiceDto,
  ListLineServicesQueryDto,
  UpdateLineServiceDto,
} from './dto/line-service.dto';
import { LineService } from './line-service.entity';
import { assertMayWork, LINE_SERVICE_EVENTS, LINE_SERVICE_MACHINE, LineServiceStatus } from './line-service-rules';
import { LineServicesRepository } from './line-services.repository';

/** Who works a service: the request's caller (an `OrgAccess`), or the demo seeder's officer. */
export type LineWorker = Pick<OrgAccess, 'tier' | 'userId'> & { org: Pick<OrgAccess['org'], 'id'> };

const toLineServiceDto = (s: LineService): LineServiceDto => ({
  id: s.id,
  flightId: s.flightId,
  serviceType: s.serviceType,
  scheduledAt: s.scheduledAt,
  actualStart: s.actualStart,
  actualEnd: s.actualEnd,
  personnelUserIds: s.personnelUserIds,
  equipmentId: s.equipmentId,
  parkingLocationId: s.parkingLocationId,
  status: s.status,
  notes: s.notes,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/**
 * Line services. Starting puts the unit in use and completing frees it, through
 * `EquipmentService` under the unit's row lock, taken after the service's own row lock (always in
 * that order), so two services racing for one unit get one start and one 409 `equipment-in-use`.
 */
/** A started service's hold on its unit: only completing or cancelling the service frees it. */
const holderOf = (service: LineService) => equipmentHolder('line_service', service.id);

@Injectable()
export class LineServicesService {
  constructor(
    private readonly services: LineServicesRepository,
    private readonly flights: FlightsService,
    private readonly equipment: EquipmentService,
    private readonly locations: ParkingLocationsService,
    private readonly settings: FboSettingsService,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListLineServicesQueryDto): Promise<Page<LineServiceDto>> {
    const rows = await this.services.page(orgId, { ...q, day: await this.settings.localDay(orgId, q) }, q);
    return keysetPage(rows, q.limit, (s) => timeAndId(s.scheduledAt, s.id), toLineServiceDto);
  }

  async get(orgId: string, id: string): Promise<LineServiceDto> {
    return toLineServiceDto(await this.services.load(orgId, id));
  }

  create(orgId: string, dto: CreateLineServiceDto): Promise<LineServiceDto> {
    return this.write(async (tx) => {
      const flight = await this.flights.load(tx, orgId, dto.flightId);
      const service = Object.assign(new LineService(), { orgId, ...dto });
      service.parkingLocationId =
        dto.parkingLocationId === undefined ? flight.parkingLocationId : dto.parkingLocationId;
      await this.checkReferences(tx, orgId, dto);
      return this.services.save(tx, service);
    });
  }

  /** Changes a service that has not started. */
  update(orgId: string, id: string, dto: UpdateLineServiceDto): Promise<LineServiceDto> {
    return this.write(async (tx) => {
      const service = await this.services.load(orgId, id, { tx, lock: true });
      if (service.status !== 'scheduled')
        throw Problem.conflict(
          `The line service is ${service.status}; it can no longer change`,
          'fbo-line-service-started',
          {
            currentState: service.status,
          },
        );
      await this.checkReferences(tx, orgId, dto);
      return this.services.save(tx, Object.assign(service, dto));
    });
  }

  /** Starts the work (assigned personnel or an officer): its unit goes in use, or 409 when busy. */
  start(access: LineWorker, id: string): Promise<LineServiceDto> {
    return this.move(access, id, 'in_progress', async (tx, service) => {
      if (service.equipmentId)
        await this.equipment.claimForUse(tx, access.org.id, service.equipmentId, holderOf(service));
      service.actualStart = new Date();
    });
  }

  /** Completes started work (assigned personnel or an officer) and frees its unit. */
  complete(access: LineWorker, id: string): Promise<LineServiceDto> {
    return this.move(access, id, 'completed', async (tx, service) => {
      if (service.equipmentId) await this.equipment.release(tx, access.org.id, service.equipmentId, holderOf(service));
      const now = new Date();
      service.actualEnd = service.actualStart && service.actualStart > now ? service.actualStart : now;
    });
  }

  /** Cancels a service (dispatch); one in progress frees its unit. */
  cancel(access: LineWorker, id: string): Promise<LineServiceDto> {
    return this.move(access, id, 'cancelled', async (tx, service) => {
      if (service.equipmentId && service.status === 'in_progress')
        await this.equipment.release(tx, access.org.id, service.equipmentId, holderOf(service));
    });
  }

  /**
   * One move under the service's row lock: checks the machine (and, for starting and completing,
   * that the caller may work it), applies `effect` (which sees the old status), and records the
   * event in the same transaction.
   */
  private move(
    access: LineWorker,
    id: string,
    to: LineServiceStatus,
    effect: (tx: EntityManager, service: LineService) => Promise<void>,
  ): Promise<LineServiceDto> {
    const orgId = access.org.id;
    return this.write(async (tx) => {
      const service = await this.services.load(orgId, id, { tx, lock: true });
      if (to !== 'cancelled') assertMayWork(access, service);
      const from = service.status;
      LINE_SERVICE_MACHINE.assert(from, to);
      await effect(tx, service);
      service.status = to;
      const saved = await this.services.save(tx, service);
      const type = LINE_SERVICE_EVENTS[to];
      if (type)
        await this.events.record(tx, {
          orgId,
          type,
          subjectId: service.id,
          payload: {
            lineServiceId: service.id,
            flightId: service.flightId,
            from,
            to,
            equipmentId: service.equipmentId,
          },
        });
      return saved;
    });
  }

  /** The unit and spot must be the org's (404), the spot active, the personnel members (400). */
  private async checkReferences(tx: EntityManager, orgId: string, dto: UpdateLineServiceDto): Promise<void> {
    if (dto.equipmentId) await this.equipment.load(tx, orgId, dto.equipmentId);
    if (dto.parkingLocationId) await this.locations.loadForUse(tx, orgId, dto.parkingLocationId);
    for (const [index, userId] of (dto.personnelUserIds ?? []).entries())
      if ((await this.members.tierOf(orgId, userId, tx)) === null)
        throw fieldProblem(`personnelUserIds.${index}`, 'not a member of the org');
  }

  private write(work: (tx: EntityManager) => Promise<LineService>): Promise<LineServiceDto> {
    return this.services.transaction(async (tx) => {
      const result = toLineServiceDto(await work(tx));
      await this.audit.recordInTransaction(tx, result);
      return result;
    });
  }
}
