import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { EquipmentService } from '../../flight-ops/equipment/equipment.service';
import { inspectionCutoff } from '../tanks/inspection-due';
import { FuelTank } from '../tanks/tank.entity';
import { FuelTanksService } from '../tanks/tanks.service';
import { TanksRepository } from '../tanks/tanks.repository';
import { CreateFuelInspectionDto, FuelInspectionDto, ListFuelInspectionsQueryDto } from './dto/inspection.dto';
import { FuelInspection } from './inspection.entity';

export const INSPECTION_OVERDUE_EVENT = 'fbo.inspection.overdue';

/** What an inspection covers: a tank of the farm or a fuel truck (14 CFR 139.321(d) names both). */
export type InspectionTarget = { kind: 'tank' | 'truck'; id: string };

/** The inspection column of each kind of target. */
const TARGET_COLUMN = { tank: 'fuel_tank_id', truck: 'truck_id' } as const;

function toFuelInspectionDto(i: FuelInspection): FuelInspectionDto {
  return {
    id: i.id,
    fuelTankId: i.fuelTankId,
    truckId: i.truckId,
    result: i.result,
    checklist: i.checklist,
    findings: i.findings,
    inspectorId: i.inspectorId,
    inspectedAt: i.inspectedAt,
  };
}

/**
 * Fuel-farm inspections (14 CFR 139.321(d)) of tanks and fuel trucks, and the daily job that
 * announces tanks and trucks not inspected for 3 months, once per lapse (the next inspection
 * re-arms it).
 */
@Injectable()
export class FuelInspectionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tanks: FuelTanksService,
    private readonly tankRows: TanksRepository,
    private readonly equipment: EquipmentService,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  /** Daily, early morning UTC: one claim per day across instances; each lapse announced once. */
  onModuleInit(): void {
    this.jobs.define({
      queue: 'fbo.inspections-overdue',
      schedule: { cron: '0 5 * * *' },
      handler: async () => void (await this.flagOverdue(new Date())),
    });
  }

  /** A tank's or truck's inspections, newest first (404 when the target is not the org's). */
  async list(
    orgId: string,
    target: InspectionTarget,
    q: ListFuelInspectionsQueryDto,
  ): Promise<Page<FuelInspectionDto>> {
    await this.lockTarget(this.db.manager, orgId, target, false);
    const qb = this.db
      .getRepository(FuelInspection)
      .createQueryBuilder('i')
      .where(`i.org_id = :orgId AND i.${TARGET_COLUMN[target.kind]} = :id`, { orgId, id: target.id });
    const rows = await newestFirst(qb, 'i.inspected_at', 'i.id', q).getMany();
    return keysetPage(rows, q.limit, (i) => timeAndId(i.inspectedAt, i.id), toFuelInspectionDto);
  }

  /** Records an inspection of a tank or truck and, when it is the latest, re-arms the overdue job. */
  async record(access: OrgAccess, target: InspectionTarget, dto: CreateFuelInspectionDto): Promise<FuelInspectionDto> {
    const orgId = access.org.id;
    const inspectorId = dto.inspectorId ?? access.userId;
    if (!inspectorId)
      throw Problem.validation([{ path: 'inspectorId', message: 'inspectorId is required for a bot key' }]);
    if (!(await this.members.memberIdsAmong(orgId, [inspectorId])).has(inspectorId))
      throw Problem.validation([{ path: 'inspectorId', message: 'the inspector must be a member of the org' }]);
    return withTransaction(this.db, async (tx) => {
      const markInspected = await this.lockTarget(tx, orgId, target, true);
      const checklist = dto.checklist.map((c) => ({ item: c.item, result: c.result, findings: c.findings ?? '' }));
      const inspection = await tx.save(
        tx.create(FuelInspection, {
          orgId,
          fuelTankId: target.kind === 'tank' ? target.id : null,
          truckId: target.kind === 'truck' ? target.id : null,
          result: checklist.some((c) => c.result === 'fail') ? 'fail' : 'pass',
          checklist,
          findings: dto.findings ?? '',
          inspectorId,
          inspectedAt: dto.inspectedAt ?? new Date(),
        }),
      );
      await markInspected(inspection.inspectedAt);
      await this.audit.recordInTransaction(tx, inspection);
      return toFuelInspectionDto(inspection);
    });
  }

  /** Announces every tank and fuel truck (of every org) newly overdue at `now`; returns how many. */
  async flagOverdue(now: Date): Promise<number> {
    return withTransaction(this.db, async (tx) => {
      const cutoff = inspectionCutoff(now);
      const tanks = await this.tankRows.claimOverdueInspections(tx, cutoff);
      const trucks = await this.equipment.claimOverdueInspections(tx, cutoff);
      await this.events.recordAll(tx, [
        ...tanks.map((tank) => ({
          orgId: tank.orgId,
          type: INSPECTION_OVERDUE_EVENT,
          subjectId: tank.id,
          payload: {
            targetKind: 'tank',
            tankId: tank.id,
            tankNumber: tank.tankId,
            name: tank.name,
            lastInspectedAt: tank.lastInspectedAt?.toISOString() ?? null,
          },
        })),
        ...trucks.map((truck) => ({
          orgId: truck.orgId,
          type: INSPECTION_OVERDUE_EVENT,
          subjectId: truck.id,
          payload: {
            targetKind: 'truck',
            truckId: truck.id,
            truckNumber: truck.equipmentId,
            name: truck.name,
            lastInspectedAt: truck.lastInspectedAt?.toISOString() ?? null,
          },
        })),
      ]);
      return tanks.length + trucks.length;
    });
  }

  /**
   * Loads the target (404 when not the org's; a unit that is not a fuel truck is 404 too), with its
   * row lock when `lock` is set, and answers how to mark it inspected.
   */
  private async lockTarget(
    tx: EntityManager,
    orgId: string,
    target: InspectionTarget,
    lock: boolean,
  ): Promise<(at: Date) => Promise<void>> {
    if (target.kind === 'truck') {
      const truck = await this.equipment.loadTruck(tx, orgId, target.id, lock);
      return (at) => this.equipment.markInspected(tx, truck, at);
    }
    const tank = await this.tanks.get(orgId, target.id, tx, lock);
    return async (at) => {
      if (tank.lastInspectedAt && tank.lastInspectedAt >= at) return;
      await tx.update(FuelTank, { id: tank.id }, { lastInspectedAt: at, inspectionOverdueAt: null });
    };
  }
}
