import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { inspectionCutoff } from '../tanks/inspection-due';
import { FuelTank } from '../tanks/tank.entity';
import { FuelTanksService } from '../tanks/tanks.service';
import { TanksRepository } from '../tanks/tanks.repository';
import { CreateFuelInspectionDto, FuelInspectionDto, ListFuelInspectionsQueryDto } from './dto/inspection.dto';
import { FuelInspection } from './inspection.entity';

export const INSPECTION_OVERDUE_EVENT = 'fbo.inspection.overdue';

function toFuelInspectionDto(i: FuelInspection): FuelInspectionDto {
  return {
    id: i.id,
    fuelTankId: i.fuelTankId,
    result: i.result,
    checklist: i.checklist,
    findings: i.findings,
    inspectorId: i.inspectorId,
    inspectedAt: i.inspectedAt,
  };
}

/**
 * Fuel-farm inspections (14 CFR 139.321(d)) and the daily job that announces tanks not inspected
 * for 3 months, once per lapse (the next inspection re-arms it).
 */
@Injectable()
export class FuelInspectionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tanks: FuelTanksService,
    private readonly tankRows: TanksRepository,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  /** Daily, early morning UTC: one claim per day across instances; tanks announced once per lapse. */
  onModuleInit(): void {
    this.jobs.define({
      queue: 'fbo.inspections-overdue',
      schedule: { cron: '0 5 * * *' },
      handler: async () => void (await this.flagOverdue(new Date())),
    });
  }

  async list(orgId: string, fuelTankId: string, q: ListFuelInspectionsQueryDto): Promise<Page<FuelInspectionDto>> {
    await this.tanks.get(orgId, fuelTankId);
    const qb = this.db
      .getRepository(FuelInspection)
      .createQueryBuilder('i')
      .where('i.org_id = :orgId AND i.fuel_tank_id = :fuelTankId', { orgId, fuelTankId });
    const rows = await newestFirst(qb, 'i.inspected_at', 'i.id', q).getMany();
    return keysetPage(rows, q.limit, (i) => timeAndId(i.inspectedAt, i.id), toFuelInspectionDto);
  }

  async record(access: OrgAccess, fuelTankId: string, dto: CreateFuelInspectionDto): Promise<FuelInspectionDto> {
    const orgId = access.org.id;
    const inspectorId = dto.inspectorId ?? access.userId;
    if (!inspectorId)
      throw Problem.validation([{ path: 'inspectorId', message: 'inspectorId is required for a bot key' }]);
    if (!(await this.members.memberIdsAmong(orgId, [inspectorId])).has(inspectorId))
      throw Problem.validation([{ path: 'inspectorId', message: 'the inspector must be a member of the org' }]);
    return withTransaction(this.db, async (tx) => {
      const tank = await this.tanks.get(orgId, fuelTankId, tx, true);
      const checklist = dto.checklist.map((c) => ({ item: c.item, result: c.result, findings: c.findings ?? '' }));
      const inspection = await tx.save(
        tx.create(FuelInspection, {
          orgId,
          fuelTankId: tank.id,
          result: checklist.some((c) => c.result === 'fail') ? 'fail' : 'pass',
          checklist,
          findings: dto.findings ?? '',
          inspectorId,
          inspectedAt: dto.inspectedAt ?? new Date(),
        }),
      );
      if (!tank.lastInspectedAt || inspection.inspectedAt > tank.lastInspectedAt) {
        await tx.update(
          FuelTank,
          { id: tank.id },
          { lastInspectedAt: inspection.inspectedAt, inspectionOverdueAt: null },
        );
      }
      await this.audit.recordInTransaction(tx, inspection);
      return toFuelInspectionDto(inspection);
    });
  }

  /** Announces every tank (of every org) newly overdue at `now`; returns how many. */
  async flagOverdue(now: Date): Promise<number> {
    return withTransaction(this.db, async (tx) => {
      const overdue = await this.tankRows.claimOverdueInspections(tx, inspectionCutoff(now));
      await this.events.recordAll(
        tx,
        overdue.map((tank) => ({
          orgId: tank.orgId,
          type: INSPECTION_OVERDUE_EVENT,
          subjectId: tank.id,
          payload: {
            tankId: tank.id,
            tankNumber: tank.tankId,
            name: tank.name,
            lastInspectedAt: tank.lastInspectedAt?.toISOString() ?? null,
          },
        })),
      );
      return overdue.length;
    });
  }
}
