import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { toUnits } from '../../../../platform/domain/decimal';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { Page } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { GALLONS_SCALE } from '../common/fuel-units';
import { calibratedRange, CalibrationPoint, gallonsAt } from '../tanks/calibration';
import type { FuelType } from '../tanks/tank.entity';
import { FuelTanksService } from '../tanks/tanks.service';
import {
  AdjustFuelStockDto,
  DefuelDto,
  FuelAdjustmentDto,
  FuelMovementDto,
  FuelStockDto,
  FuelVarianceDto,
  FuelVarianceQueryDto,
  ListFuelMovementsQueryDto,
  ListFuelStockQueryDto,
  ReceiveFuelDto,
  TransferFuelDto,
} from './dto/fuel-stock.dto';
import { FuelMovement, MovementKind } from './fuel-movement.entity';
import { FuelStock, HolderKind } from './fuel-stock.entity';
import { applyFlow, MovementFlow, varianceFlow } from './stock-rules';
import { StockMismatch, StockRepository } from './stock.repository';

export const FUEL_RECEIVED_EVENT = 'fbo.fuel.received';

/** A tank or fuel truck taking part in a movement. */
interface Holder {
  holderKind: HolderKind;
  holderId: string;
  /** A tank's fuel; for a truck, the movement's. */
  fuelType: FuelType;
  capacityGallons: string | null;
  /** The farm's name for it: the tank number or the truck's equipment id. */
  code: string;
  /** For messages: "Tank JA-1", "Fuel truck FT-01". */
  label: string;
  /** Tanks: what reads a stick level as gallons. */
  calibrationTable?: CalibrationPoint[];
}

/** A movement about to be booked. */
interface Movement extends MovementFlow {
  kind: MovementKind;
  fuelType: FuelType;
  bookGallons?: string | null;
  measuredGallons?: string | null;
  reference?: string | null;
  note?: string;
  occurredAt?: Date;
}

function toFuelMovementDto(m: FuelMovement): FuelMovementDto {
  const variance =
    m.kind === 'adjustment' && m.bookGallons !== null && m.measuredGallons !== null
      ? (varianceFlow('', m.bookGallons, m.measuredGallons)?.variance ?? '0.00')
      : null;
  return {
    id: m.id,
    kind: m.kind,
    fuelType: m.fuelType,
    fromHolderId: m.fromHolderId,
    toHolderId: m.toHolderId,
    gallons: m.gallons,
    bookGallons: m.bookGallons,
    measuredGallons: m.measuredGallons,
    varianceGallons: variance,
    reference: m.reference,
    note: m.note,
    occurredAt: m.occurredAt,
    recordedById: m.recordedById,
  };
}

function toFuelStockDto(s: FuelStock): FuelStockDto {
  return {
    holderKind: s.holderKind,
    holderId: s.holderId,
    fuelType: s.fuelType,
    gallons: s.gallons,
    updatedAt: s.updatedAt,
  };
}

/**
 * The fuel stock: an append-only ledger of movements per tank and fuel truck, and the stock each
 * holds, moved in the movement's transaction under row locks (holder id order), never below zero
 * nor above capacity. Fuel dispatch books dispenses through `dispense`.
 */
@Injectable()
export class FuelStockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly tanks: FuelTanksService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async listStock(orgId: string, q: ListFuelStockQueryDto): Promise<FuelStockDto[]> {
    return (await this.stock.stock(orgId, q.holderKind)).map(toFuelStockDto);
  }

  async listMovements(orgId: string, q: ListFuelMovementsQueryDto): Promise<Page<FuelMovementDto>> {
    const page = await this.stock.movementsPage(orgId, q);
    return { ...page, items: page.items.map(toFuelMovementDto) };
  }

  async variance(orgId: string, q: FuelVarianceQueryDto): Promise<FuelVarianceDto> {
    if (q.to <= q.from) throw Problem.validation([{ path: 'to', message: 'to must be after from' }]);
    return { from: q.from, to: q.to, holders: await this.stock.variance(orgId, q.from, q.to) };
  }

  /** A delivery into a tank. */
  async receive(access: OrgAccess, dto: ReceiveFuelDto): Promise<FuelMovementDto> {
    return this.book(access, async (tx) => {
      const tank = await this.tankHolder(tx, access.org.id, dto.tankId);
      const movement = await this.move(tx, access, [tank], {
        ...dto,
        kind: 'receipt',
        fuelType: tank.fuelType,
        fromHolderId: null,
        toHolderId: tank.holderId,
      });
      await this.events.record(tx, {
        orgId: access.org.id,
        type: FUEL_RECEIVED_EVENT,
        subjectId: tank.holderId,
        payload: {
          movementId: movement.id,
          tankId: tank.holderId,
          tankNumber: tank.code,
          fuelType: tank.fuelType,
          gallons: movement.gallons,
          reference: movement.reference,
          occurredAt: movement.occurredAt.toISOString(),
        },
      });
      return movement;
    });
  }

  /** Fills a fuel truck from a tank. */
  async transfer(access: OrgAccess, dto: TransferFuelDto): Promise<FuelMovementDto> {
    return this.book(access, async (tx) => {
      const tank = await this.tankHolder(tx, access.org.id, dto.fromTankId);
      const truck = await this.truckHolder(tx, access.org.id, dto.toTruckId, tank.fuelType, 'toTruckId');
      return this.move(tx, access, [tank, truck], {
        ...dto,
        kind: 'transfer',
        fuelType: tank.fuelType,
        fromHolderId: tank.holderId,
        toHolderId: truck.holderId,
      });
    });
  }

  /** Fuel taken off an aircraft into a fuel truck. */
  async defuel(access: OrgAccess, dto: DefuelDto): Promise<FuelMovementDto> {
    return this.book(access, async (tx) => {
      const truck = await this.truckHolder(tx, access.org.id, dto.truckId, dto.fuelType, 'truckId');
      return this.move(tx, access, [truck], { ...dto, kind: 'defuel', fromHolderId: null, toHolderId: truck.holderId });
    });
  }

  /**
   * Books a stick reading: the difference between what was measured and the book stock becomes an
   * adjustment (a gain or a loss); a reading that agrees with the book books no movement.
   */
  async adjust(access: OrgAccess, dto: AdjustFuelStockDto): Promise<FuelAdjustmentDto> {
    return this.book(access, async (tx) => {
      const holder = await this.anyHolder(tx, access.org.id, dto.holderId);
      const measured = measuredGallons(holder, dto);
      const [row] = await this.stock.lockHolders(tx, access.org.id, [holder]);
      const flow = varianceFlow(holder.holderId, row.gallons, measured);
      const base = { holderId: holder.holderId, bookGallons: row.gallons, measuredGallons: measured };
      if (!flow) return { ...base, varianceGallons: '0.00', movement: null };
      const movement = await this.move(tx, access, [holder], {
        ...dto,
        ...flow,
        kind: 'adjustment',
        fuelType: row.fuelType,
        bookGallons: row.gallons,
        measuredGallons: measured,
      });
      return { ...base, varianceGallons: flow.variance, movement };
    });
  }

  /**
   * Fuel pumped from a truck into an aircraft, in the caller's transaction (fuel dispatch, when an
   * order completes). Throws 409 `insufficient-fuel` when the truck holds less.
   */
  async dispense(
    tx: EntityManager,
    access: OrgAccess,
    dispense: { truckId: string; fuelType: FuelType; gallons: string; reference: string },
  ): Promise<FuelMovementDto> {
    const truck = await this.truckHolder(tx, access.org.id, dispense.truckId, dispense.fuelType, 'truckId');
    return this.move(tx, access, [truck], {
      ...dispense,
      kind: 'dispense',
      fromHolderId: truck.holderId,
      toHolderId: null,
    });
  }

  /** Every holder whose stock differs from its ledger (`check:fuel`). */
  findMismatches(orgId?: string): Promise<StockMismatch[]> {
    return this.stock.findMismatches(orgId);
  }

  counts(): Promise<{ holders: number; movements: number }> {
    return this.stock.counts();
  }

  /** Runs a booking in a transaction with its audit entry. */
  private book<T extends FuelMovementDto | FuelAdjustmentDto>(
    access: OrgAccess,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return withTransaction(this.stock.db, async (tx) => {
      const result = await work(tx);
      await this.audit.recordInTransaction(tx, 'movement' in result ? (result.movement ?? undefined) : result);
      return result;
    });
  }

  /** Locks the holders, checks fuel types, stock and capacity, appends the movement and moves the stock. */
  private async move(tx: EntityManager, access: OrgAccess, holders: Holder[], m: Movement): Promise<FuelMovementDto> {
    if (toUnits(m.gallons, GALLONS_SCALE) <= 0n)
      throw Problem.validation([{ path: 'gallons', message: 'gallons must be more than zero' }]);
    const rows = await this.stock.lockHolders(tx, access.org.id, holders);
    for (const row of rows) this.matchFuelType(row, m.fuelType, holders);
    const verdict = applyFlow(
      m,
      rows.map((row) => ({
        holderId: row.holderId,
        gallons: row.gallons,
        capacityGallons: holders.find((h) => h.holderId === row.holderId)?.capacityGallons ?? null,
      })),
    );
    if (!verdict.ok) throw refusal(verdict, holders);
    for (const row of rows) row.gallons = verdict.after.get(row.holderId) ?? row.gallons;
    const movement = await this.stock.append(
      tx,
      {
        orgId: access.org.id,
        kind: m.kind,
        fuelType: m.fuelType,
        fromHolderId: m.fromHolderId,
        toHolderId: m.toHolderId,
        gallons: m.gallons,
        bookGallons: m.bookGallons ?? null,
        measuredGallons: m.measuredGallons ?? null,
        reference: m.reference ?? null,
        note: m.note ?? '',
        occurredAt: m.occurredAt ?? new Date(),
        recordedById: access.userId,
      },
      rows,
    );
    return toFuelMovementDto(movement);
  }

  /** A holder holds one fuel; an empty truck takes whatever it is filled with next. */
  private matchFuelType(row: FuelStock, fuelType: FuelType, holders: Holder[]): void {
    if (row.fuelType === fuelType) return;
    if (row.holderKind === 'truck' && toUnits(row.gallons, GALLONS_SCALE) === 0n) {
      row.fuelType = fuelType;
      return;
    }
    const label = holders.find((h) => h.holderId === row.holderId)?.label ?? 'The holder';
    throw Problem.conflict(`${label} holds ${row.fuelType}, not ${fuelType}`, 'fuel-type-mismatch', {
      holderId: row.holderId,
      holderFuelType: row.fuelType,
    });
  }

  private async tankHolder(tx: EntityManager, orgId: string, tankId: string): Promise<Holder> {
    const tank = await this.tanks.get(orgId, tankId, tx);
    return {
      holderKind: 'tank',
      holderId: tank.id,
      fuelType: tank.fuelType,
      capacityGallons: tank.capacityGallons,
      code: tank.tankId,
      label: `Tank ${tank.tankId}`,
      calibrationTable: tank.calibrationTable,
    };
  }

  /** The org's fuel truck (404 when not the org's; 400 naming `path` when the unit is not a fuel truck). */
  private async truckHolder(
    tx: EntityManager,
    orgId: string,
    truckId: string,
    fuelType: FuelType,
    path: string,
  ): Promise<Holder> {
    const unit = await this.stock.truck(tx, orgId, truckId);
    if (!unit) throw Problem.notFound('Fuel truck');
    if (unit.type !== 'fuel_truck') throw Problem.validation([{ path, message: `${path} must be a fuel truck` }]);
    return {
      holderKind: 'truck',
      holderId: unit.id,
      fuelType,
      capacityGallons: unit.capacityGallons,
      code: unit.equipmentId,
      label: `Fuel truck ${unit.equipmentId}`,
    };
  }

  /** The org's fuel truck or tank with this id (404 when neither). */
  private async anyHolder(tx: EntityManager, orgId: string, holderId: string): Promise<Holder> {
    const unit = await this.stock.truck(tx, orgId, holderId);
    if (!unit) return this.tankHolder(tx, orgId, holderId);
    const [row] = await tx.find(FuelStock, { where: { orgId, holderId } });
    return this.truckHolder(tx, orgId, holderId, row?.fuelType ?? 'jet_a', 'holderId');
  }
}

/** The gallons a reading measured: a tank's level through its calibration table, or a truck's gallons. */
function measuredGallons(holder: Holder, dto: AdjustFuelStockDto): string {
  const given = [dto.levelInches, dto.measuredGallons].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw Problem.validation(
      ['levelInches', 'measuredGallons'].map((path) => ({
        path,
        message: 'give exactly one of levelInches and measuredGallons',
      })),
    );
  if (dto.measuredGallons !== undefined) return dto.measuredGallons;
  const table = holder.calibrationTable;
  if (!table)
    throw Problem.validation([
      { path: 'levelInches', message: 'a fuel truck is measured in gallons (measuredGallons)' },
    ]);
  const gallons = gallonsAt(table, dto.levelInches!);
  if (gallons !== null) return gallons;
  const range = calibratedRange(table);
  throw Problem.validation([
    { path: 'levelInches', message: `levelInches must be within the calibration table (${range.from} to ${range.to})` },
  ]);
}

/** The 409 for a movement the stock cannot take. */
function refusal(verdict: Exclude<ReturnType<typeof applyFlow>, { ok: true }>, holders: Holder[]): Problem {
  const label = holders.find((h) => h.holderId === verdict.holderId)?.label ?? 'The holder';
  if (verdict.reason === 'insufficient')
    return Problem.conflict(`${label} holds ${verdict.available} gallons`, 'insufficient-fuel', {
      holderId: verdict.holderId,
      available: verdict.available,
    });
  return Problem.conflict(`${label} has room for ${verdict.room} gallons`, 'fuel-capacity-exceeded', {
    holderId: verdict.holderId,
    room: verdict.room,
  });
}
