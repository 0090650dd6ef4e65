import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvent, DomainEvents } from '../../../../platform/events/domain-events';
import { Page } from '../../../../platform/http/pagination';
import { FieldError, Problem } from '../../../../platform/http/problem';
import { calibratedRange, gallonsAt } from './calibration';
import {
  CreateTankReadingDto,
  GaugeReadingDto,
  ListTankReadingsQueryDto,
  TankReadingBatchDto,
  TankReadingBatchResultDto,
  TankReadingDto,
} from './dto/tank-reading.dto';
import { levelCrossing, tankStatus } from './tank-rules';
import { ReadingSource, TankReading } from './tank-reading.entity';
import { FuelTank } from './tank.entity';
import { FuelTanksService } from './tanks.service';
import { NewTankReading, TanksRepository } from './tanks.repository';

export const TANK_EVENTS = { low: 'fbo.tank.low', critical: 'fbo.tank.critical' } as const;

export function toTankReadingDto(r: TankReading): TankReadingDto {
  return {
    id: r.id,
    fuelTankId: r.fuelTankId,
    levelInches: r.levelInches,
    gallons: r.gallons,
    waterDetected: r.waterDetected,
    recordedAt: r.recordedAt,
    source: r.source,
    recordedBy: r.recordedById,
  };
}

/** Who records readings and how: by hand (a member) or by a gauge (a bot key). */
interface ReadingOrigin {
  orgId: string;
  source: ReadingSource;
  recordedById: string | null;
}

/** A validated reading of a locked tank, with its index in the request (for error paths). */
interface PendingReading {
  tank: FuelTank;
  level: { levelInches: string; waterDetected?: boolean; recordedAt?: Date };
  path: string;
}

/**
 * Tank readings. Each write locks the tanks it reads (in id order), converts levels to gallons
 * with the tank's calibration table, stores the readings (a re-sent one is skipped), and moves the
 * tank's latest level forward: a fall below the low or critical level is announced once, in the
 * same transaction.
 */
@Injectable()
export class TankReadingsService {
  constructor(
    private readonly tanks: TanksRepository,
    private readonly tankService: FuelTanksService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, fuelTankId: string, q: ListTankReadingsQueryDto): Promise<Page<TankReadingDto>> {
    await this.tankService.get(orgId, fuelTankId);
    const page = await this.tanks.readingsPage(orgId, fuelTankId, q);
    return { ...page, items: page.items.map(toTankReadingDto) };
  }

  /** A reading taken by hand; a second reading of the tank at the same instant is a 409. */
  async record(origin: ReadingOrigin, fuelTankId: string, dto: CreateTankReadingDto): Promise<TankReadingDto> {
    return withTransaction(this.tanks.db, async (tx) => {
      const tank = await this.tankService.get(origin.orgId, fuelTankId, tx, true);
      const recordedAt = dto.recordedAt ?? new Date();
      const [stored] = await this.store(tx, origin, [{ tank, level: { ...dto, recordedAt }, path: '' }]);
      if (!stored)
        throw Problem.conflict(`Tank ${tank.tankId} has a reading at ${recordedAt.toISOString()}`, 'reading-exists', {
          field: 'recordedAt',
        });
      await this.audit.recordInTransaction(tx, stored);
      return toTankReadingDto(stored);
    });
  }

  /** A gauge's batch: all readings valid or none stored; re-sent readings are counted, not stored again. */
  async recordBatch(origin: ReadingOrigin, dto: TankReadingBatchDto): Promise<TankReadingBatchResultDto> {
    return withTransaction(this.tanks.db, async (tx) => {
      const pending = await this.lockTanksOf(tx, origin.orgId, dto.readings);
      const stored = await this.store(tx, origin, pending);
      await this.audit.recordInTransaction(tx);
      return {
        stored: stored.length,
        duplicates: dto.readings.length - stored.length,
        readings: stored.map(toTankReadingDto),
      };
    });
  }

  private async lockTanksOf(tx: EntityManager, orgId: string, readings: GaugeReadingDto[]): Promise<PendingReading[]> {
    const tanks = await this.tanks.lockByNumbers(tx, orgId, [...new Set(readings.map((r) => r.tankId))]);
    const byNumber = new Map(tanks.map((t) => [t.tankId, t]));
    const unknown: FieldError[] = readings.flatMap((r, i) =>
      byNumber.has(r.tankId) ? [] : [{ path: `readings.${i}.tankId`, message: `the org has no tank ${r.tankId}` }],
    );
    if (unknown.length) throw Problem.validation(unknown);
    return readings.map((level, i) => ({ tank: byNumber.get(level.tankId)!, level, path: `readings.${i}.` }));
  }

  /** Converts, stores and applies readings of tanks the caller has locked. Returns those stored, oldest first. */
  private async store(tx: EntityManager, origin: ReadingOrigin, pending: PendingReading[]): Promise<TankReading[]> {
    const rows = toRows(origin, pending);
    const stored = await this.tanks.insertReadings(tx, rows);
    const tanks = new Map(pending.map((p) => [p.tank.id, p.tank]));
    const events: DomainEvent[] = [];
    for (const reading of stored) {
      const tank = tanks.get(reading.fuelTankId)!;
      const event = advance(tank, reading);
      if (event) events.push(event);
    }
    for (const tank of tanks.values()) await tx.save(FuelTank, tank);
    await this.events.recordAll(tx, events);
    return stored;
  }
}

/** The rows to insert; a level outside the calibration table is a 400 naming the reading. */
function toRows(origin: ReadingOrigin, pending: PendingReading[]): NewTankReading[] {
  const errors: FieldError[] = [];
  const rows = pending.map(({ tank, level, path }): NewTankReading => {
    const gallons = gallonsAt(tank.calibrationTable, level.levelInches);
    if (gallons === null) {
      const range = calibratedRange(tank.calibrationTable);
      errors.push({
        path: `${path}levelInches`,
        message: `levelInches must be within tank ${tank.tankId}'s calibration table (${range.from} to ${range.to})`,
      });
    }
    return {
      orgId: origin.orgId,
      fuelTankId: tank.id,
      levelInches: level.levelInches,
      gallons: gallons ?? '0',
      waterDetected: level.waterDetected ?? false,
      recordedAt: level.recordedAt ?? new Date(),
      source: origin.source,
      recordedById: origin.recordedById,
    };
  });
  if (errors.length) throw Problem.validation(errors);
  return rows;
}

/**
 * Moves the tank's latest level to `reading` when it is newer (an older reading, sent late, is
 * history only) and returns the alert the move raises, if any.
 */
function advance(tank: FuelTank, reading: TankReading): DomainEvent | null {
  if (tank.lastReadingAt && reading.recordedAt.getTime() <= tank.lastReadingAt.getTime()) return null;
  const status = tankStatus(reading.gallons, tank);
  const alert = levelCrossing(tank.alertLevel, status);
  Object.assign(tank, {
    lastReadingAt: reading.recordedAt,
    lastLevelInches: reading.levelInches,
    lastGallons: reading.gallons,
    lastWaterDetected: reading.waterDetected,
    alertLevel: status,
  });
  if (!alert) return null;
  return {
    orgId: tank.orgId,
    type: TANK_EVENTS[alert],
    subjectId: tank.id,
    payload: {
      tankId: tank.id,
      tankNumber: tank.tankId,
      name: tank.name,
      fuelType: tank.fuelType,
      gallons: reading.gallons,
      levelInches: reading.levelInches,
      lowLevelGallons: tank.lowLevelGallons,
      criticalLevelGallons: tank.criticalLevelGallons,
      recordedAt: reading.recordedAt.toISOString(),
      readingId: reading.id,
    },
  };
}
