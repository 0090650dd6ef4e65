import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { deleteUnlessReferenced, findInOrg } from '../../../../platform/database/org-scoped';
import { withTransaction } from '../../../../platform/database/transactions';
import { Page } from '../../../../platform/http/pagination';
import { byConstraint, saveNamingField } from '../../../../platform/database/unique-conflict';
import { Problem } from '../../../../platform/http/problem';
import { CreateFuelTankDto, FuelTankDto, ListFuelTanksQueryDto, UpdateFuelTankDto } from './dto/tank.dto';
import { inspectionCutoff, isInspectionDue } from './inspection-due';
import { tankShapeErrors, tankStatus, usableGallons } from './tank-rules';
import { FuelTank } from './tank.entity';
import { TanksRepository } from './tanks.repository';

export function toFuelTankDto(t: FuelTank, now = new Date()): FuelTankDto {
  const read = t.lastReadingAt !== null && t.lastLevelInches !== null && t.lastGallons !== null;
  return {
    id: t.id,
    tankId: t.tankId,
    name: t.name,
    fuelType: t.fuelType,
    capacityGallons: t.capacityGallons,
    minLevelInches: t.minLevelInches,
    maxLevelInches: t.maxLevelInches,
    usableMinInches: t.usableMinInches,
    usableMaxInches: t.usableMaxInches,
    calibrationTable: t.calibrationTable,
    lowLevelGallons: t.lowLevelGallons,
    criticalLevelGallons: t.criticalLevelGallons,
    latestReading: read
      ? {
          levelInches: t.lastLevelInches!,
          gallons: t.lastGallons!,
          waterDetected: t.lastWaterDetected ?? false,
          recordedAt: t.lastReadingAt!,
        }
      : null,
    usableGallons: read ? usableGallons(t, t.lastLevelInches!) : null,
    status: read ? tankStatus(t.lastGallons!, t) : null,
    lastInspectedAt: t.lastInspectedAt,
    inspectionDue: isInspectionDue(t.lastInspectedAt ?? t.createdAt, now),
  };
}

/** The fuel farm's tanks: officers configure them; everyone reads their level and status. */
@Injectable()
export class FuelTanksService {
  constructor(
    private readonly tanks: TanksRepository,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListFuelTanksQueryDto): Promise<Page<FuelTankDto>> {
    const now = new Date();
    const page = await this.tanks.page(orgId, q, inspectionCutoff(now));
    return { ...page, items: page.items.map((t) => toFuelTankDto(t, now)) };
  }

  /** The tank (404 when it is not the org's), optionally locked in the caller's transaction. */
  get(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<FuelTank> {
    return findInOrg(tx ?? this.tanks.db.manager, FuelTank, orgId, id, 'Tank', { lock });
  }

  async detail(orgId: string, id: string): Promise<FuelTankDto> {
    return toFuelTankDto(await this.get(orgId, id));
  }

  async create(orgId: string, dto: CreateFuelTankDto): Promise<FuelTankDto> {
    assertConsistent(dto);
    return withTransaction(this.tanks.db, async (tx) => {
      const tank = await this.save(tx, tx.create(FuelTank, { ...dto, orgId }));
      await this.audit.recordInTransaction(tx, tank);
      return toFuelTankDto(tank);
    });
  }

  /** Changes apply to readings taken from now on; stored readings keep the gallons they were read at. */
  async update(orgId: string, id: string, dto: UpdateFuelTankDto): Promise<FuelTankDto> {
    return withTransaction(this.tanks.db, async (tx) => {
      const tank = Object.assign(await this.get(orgId, id, tx, true), dto);
      assertConsistent(tank);
      // New levels re-classify the latest reading without announcing it: alerts come from readings.
      if (tank.lastGallons !== null) tank.alertLevel = tankStatus(tank.lastGallons, tank);
      const saved = await this.save(tx, tank);
      await this.audit.recordInTransaction(tx, saved);
      return toFuelTankDto(saved);
    });
  }

  /** Only a tank without records: readings and inspections are kept for the FAA. */
  async remove(orgId: string, id: string): Promise<void> {
    await withTransaction(this.tanks.db, async (tx) => {
      const tank = await this.get(orgId, id, tx, true);
      const hasRecords = { detail: `Tank ${tank.tankId} has records and cannot be deleted`, slug: 'tank-has-records' };
      // Readings and inspections hold a foreign key; the fuel ledger refers to holders without one.
      if (!(await this.tanks.releaseStock(tx, orgId, tank.id)))
        throw Problem.conflict(hasRecords.detail, hasRecords.slug);
      await deleteUnlessReferenced(tx, FuelTank, { id: tank.id, orgId }, hasRecords);
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  private save(tx: EntityManager, tank: FuelTank): Promise<FuelTank> {
    return saveNamingField(
      tx,
      FuelTank,
      tank,
      byConstraint({
        uq_fbo_fuel_tanks_org_tank_id: {
          detail: `A tank ${tank.tankId} exists`,
          slug: 'tank-id-taken',
          field: 'tankId',
        },
      }),
    );
  }
}

function assertConsistent(tank: Parameters<typeof tankShapeErrors>[0]): void {
  const errors = tankShapeErrors(tank);
  if (errors.length) throw Problem.validation(errors);
}
