import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toUnits } from '../../../../platform/domain/decimal';
import { Problem } from '../../../../platform/http/problem';
import { AuditService } from '../../../../platform/audit/audit.service';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { fieldProblem } from '../common/flight-ops-repository';
import { FboSettingsService } from '../settings/fbo-settings.service';
import { localDate } from '../settings/time-zone';
import { inspectionCutoff, truckInspectionDue } from '../../fuel/tanks/inspection-due';
import {
  ChangeEquipmentStatusDto,
  CreateEquipmentDto,
  EquipmentDto,
  EquipmentMaintenanceDto,
  ListEquipmentQueryDto,
  LogMaintenanceDto,
  UpdateEquipmentDto,
} from './dto/equipment.dto';
import { EquipmentMaintenance } from './equipment-maintenance.entity';
import { Equipment } from './equipment.entity';
import {
  EQUIPMENT_MACHINE,
  EquipmentHolder,
  EquipmentStatus,
  handReleaseRefusal,
  maintenanceDue,
  maintenancePath,
  nextDueOn,
  unusable,
} from './equipment-rules';
import { EquipmentRepository } from './equipment.repository';

const toEquipmentDto = (e: Equipment, today: string): EquipmentDto => ({
  id: e.id,
  equipmentId: e.equipmentId,
  name: e.name,
  type: e.type,
  manufacturer: e.manufacturer,
  model: e.model,
  serial: e.serial,
  capacityGallons: e.capacityGallons,
  status: e.status,
  lastMaintenanceOn: e.lastMaintenanceOn,
  nextMaintenanceOn: e.nextMaintenanceOn,
  maintenanceDue: maintenanceDue(e.nextMaintenanceOn, today),
  tags: e.tags,
  lastInspectedAt: e.lastInspectedAt,
  inspectionDue: truckInspectionDue(e, new Date()),
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const toMaintenanceDto = (m: EquipmentMaintenance): EquipmentMaintenanceDto => ({
  id: m.id,
  equipmentId: m.equipmentId,
  kind: m.kind,
  performedOn: m.performedOn,
  nextDueOn: m.nextDueOn,
  notes: m.notes,
  performedByUserId: m.performedByUserId,
  createdAt: m.createdAt,
});

/**
 * Ground support equipment. Besides its routes, other code (line services, the fuel side's
 * trucks) puts units to use and frees them through `claimForUse` / `release`, inside its own
 * transaction and under the unit's row lock, so two jobs never hold one unit.
 */
@Injectable()
export class EquipmentService {
  constructor(
    private readonly equipment: EquipmentRepository,
    private readonly settings: FboSettingsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListEquipmentQueryDto): Promise<Page<EquipmentDto>> {
    const today = await this.today(orgId);
    const rows = await this.equipment.page(orgId, { ...q, today, inspectionCutoff: inspectionCutoff(new Date()) }, q);
    return keysetPage(
      rows,
      q.limit,
      (e) => [e.equipmentId],
      (e) => toEquipmentDto(e, today),
    );
  }

  async get(orgId: string, id: string): Promise<EquipmentDto> {
    const unit = await this.equipment.load(orgId, id);
    return toEquipmentDto(unit, await this.today(orgId));
  }

  /** The unit inside a caller's transaction, 404 when it is not the org's (no lock). */
  load(tx: EntityManager, orgId: string, id: string): Promise<Equipment> {
    return this.equipment.load(orgId, id, { tx });
  }

  create(orgId: string, dto: CreateEquipmentDto): Promise<EquipmentDto> {
    return this.write(orgId, async (tx) => {
      const unit = Object.assign(new Equipment(), { orgId, ...dto });
      await this.checkFields(tx, orgId, unit, dto);
      return this.equipment.save(tx, unit);
    });
  }

  /** Registers many units in one transaction and one insert (the demo): all or none. */
  createMany(orgId: string, dtos: CreateEquipmentDto[]): Promise<EquipmentDto[]> {
    return this.equipment.transaction(async (tx) => {
      const units = [];
      for (const dto of dtos) {
        const unit = Object.assign(new Equipment(), { orgId, ...dto });
        await this.checkFields(tx, orgId, unit, dto);
        units.push(unit);
      }
      const today = await this.today(orgId, tx);
      const saved = (await this.equipment.insertMany(tx, units)).map((u) => toEquipmentDto(u, today));
      for (const result of saved) await this.audit.recordInTransaction(tx, result);
      return saved;
    });
  }

  update(orgId: string, id: string, dto: UpdateEquipmentDto): Promise<EquipmentDto> {
    return this.write(orgId, async (tx) => {
      const unit = Object.assign(await this.equipment.load(orgId, id, { tx, lock: true }), dto);
      await this.checkFields(tx, orgId, unit, dto);
      return this.equipment.save(tx, unit);
    });
  }

  /**
   * Moves a unit by hand; `in_use` goes through the same checks as any use (`claimForUse`), and a
   * unit a job holds is freed by that job only (`handReleaseRefusal`).
   */
  changeStatus(orgId: string, id: string, dto: ChangeEquipmentStatusDto): Promise<EquipmentDto> {
    return this.write(orgId, async (tx) => {
      if (dto.to === 'in_use') return this.claimForUse(tx, orgId, id, 'manual');
      const unit = await this.equipment.load(orgId, id, { tx, lock: true });
      EQUIPMENT_MACHINE.assert(unit.status, dto.to);
      if (dto.to === 'available') {
        const refusal = handReleaseRefusal(unit);
        if (refusal) throw refusal;
      }
      await this.move(tx, unit, [dto.to]);
      return unit;
    });
  }

  /**
   * Logs maintenance: the log row, the unit's last and next dates, and the unit freed to
   * `available` (through `maintenance`), in one transaction.
   */
  async logMaintenance(
    orgId: string,
    id: string,
    dto: LogMaintenanceDto,
    userId: string | null,
  ): Promise<EquipmentMaintenanceDto> {
    return this.equipment.transaction(async (tx) => {
      const unit = await this.equipment.load(orgId, id, { tx, lock: true });
      const nextDue = dto.nextDueOn === undefined ? nextDueOn(dto.kind, dto.performedOn) : dto.nextDueOn;
      if (nextDue && nextDue <= dto.performedOn) throw fieldProblem('nextDueOn', 'nextDueOn must be after performedOn');
      const entry = await this.equipment.addMaintenance(tx, {
        orgId,
        equipmentId: unit.id,
        kind: dto.kind,
        performedOn: dto.performedOn,
        nextDueOn: nextDue,
        notes: dto.notes ?? '',
        performedByUserId: userId,
      });
      // A log of older work (entered late) does not move the dates back.
      if (!unit.lastMaintenanceOn || dto.performedOn >= unit.lastMaintenanceOn) {
        unit.lastMaintenanceOn = dto.performedOn;
        unit.nextMaintenanceOn = nextDue;
        await this.equipment.save(tx, unit);
      }
      await this.move(tx, unit, maintenancePath(unit.status));
      const result = toMaintenanceDto(entry);
      await this.audit.recordInTransaction(tx, result);
      return result;
    });
  }

  async maintenanceLog(orgId: string, id: string, q: CursorPageQueryDto): Promise<Page<EquipmentMaintenanceDto>> {
    await this.equipment.load(orgId, id);
    const rows = await this.equipment.maintenancePage(orgId, id, q);
    return keysetPage(rows, q.limit, (m) => timeAndId(m.createdAt, m.id), toMaintenanceDto);
  }

  /**
   * Puts an available unit to use inside the caller's transaction, holding its row lock until
   * commit: busy elsewhere is 409 `equipment-in-use`, maintenance or out of service 409
   * `equipment-unavailable`. Lock several units in one transaction in id order. `holder` is who
   * frees it again (`release`).
   */
  async claimForUse(tx: EntityManager, orgId: string, id: string, holder: EquipmentHolder): Promise<Equipment> {
    const unit = await this.equipment.load(orgId, id, { tx, lock: true });
    const refusal = unusable(unit);
    if (refusal) throw refusal;
    await this.move(tx, unit, ['in_use'], holder);
    return unit;
  }

  /**
   * The org's fuel truck inside a caller's transaction, with its row lock when `lock` is set; 404
   * (`Fuel truck`) for another org's unit or a unit that is not a fuel truck.
   */
  async loadTruck(tx: EntityManager, orgId: string, id: string, lock = false): Promise<Equipment> {
    const unit = await this.equipment.load(orgId, id, { tx, lock });
    if (unit.type !== 'fuel_truck') throw Problem.notFound('Fuel truck');
    return unit;
  }

  /** Records a fuel-farm inspection of a truck locked by `loadTruck` (re-arms the overdue job). */
  markInspected(tx: EntityManager, truck: Equipment, at: Date): Promise<void> {
    return this.equipment.markInspected(tx, truck, at);
  }

  /** The inspection job's claim: fuel trucks newly overdue at `cutoff` (see the repository). */
  claimOverdueInspections(tx: EntityManager, cutoff: Date): Promise<Equipment[]> {
    return this.equipment.claimOverdueInspections(tx, cutoff);
  }

  /**
   * Frees a unit `holder` holds. A no-op for a unit it no longer holds: sent to maintenance
   * meanwhile (and maybe taken since by another job), so a late release never frees someone else's.
   */
  async release(tx: EntityManager, orgId: string, id: string, holder: EquipmentHolder): Promise<Equipment> {
    const unit = await this.equipment.load(orgId, id, { tx, lock: true });
    if (unit.status === 'in_use' && unit.inUseBy === holder) await this.move(tx, unit, ['available']);
    return unit;
  }

  /**
   * Applies allowed moves to a locked unit and announces the change (once, first to last state);
   * a unit ending in use is held by `holder`.
   */
  private async move(
    tx: EntityManager,
    unit: Equipment,
    path: EquipmentStatus[],
    holder: EquipmentHolder | null = null,
  ): Promise<void> {
    const from = unit.status;
    let to = from;
    for (const next of path) {
      EQUIPMENT_MACHINE.assert(to, next);
      to = next;
    }
    if (to === from) return;
    await this.equipment.setStatus(tx, unit, to, to === 'in_use' ? holder : null);
    await this.events.record(tx, {
      orgId: unit.orgId,
      type: 'fbo.equipment.status_changed',
      subjectId: unit.id,
      payload: { equipmentId: unit.id, label: unit.equipmentId, type: unit.type, from, to },
    });
  }

  private async checkFields(tx: EntityManager, orgId: string, unit: Equipment, dto: UpdateEquipmentDto) {
    if (unit.type === 'fuel_truck' && !unit.capacityGallons)
      throw fieldProblem('capacityGallons', 'a fuel truck needs its capacityGallons');
    if (unit.capacityGallons != null && toUnits(unit.capacityGallons, 1) <= 0n)
      throw fieldProblem('capacityGallons', 'capacityGallons must be positive');
    if (dto.tags) unit.tags = await this.settings.knownTags(orgId, dto.tags, tx);
  }

  /** The org's local date, which due dates are compared with. */
  private async today(orgId: string, tx?: EntityManager): Promise<string> {
    return localDate(new Date(), (await this.settings.load(orgId, tx)).timeZone);
  }

  private write(orgId: string, work: (tx: EntityManager) => Promise<Equipment>): Promise<EquipmentDto> {
    return this.equipment.transaction(async (tx) => {
      const result = toEquipmentDto(await work(tx), await this.today(orgId, tx));
      await this.audit.recordInTransaction(tx, result);
      return result;
    });
  }
}
