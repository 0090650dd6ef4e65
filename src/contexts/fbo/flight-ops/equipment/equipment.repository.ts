import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { keysetBy } from '../../../../platform/http/keyset';
import { newestFirst } from '../../../../platform/http/pagination';
import { saveNamingField, uniqueConflict } from '../../../../platform/database/unique-conflict';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { addDays } from '../common/local-date';
import { EquipmentMaintenance } from './equipment-maintenance.entity';
import { Equipment } from './equipment.entity';
import { DUE_SOON_DAYS, EquipmentHolder, EquipmentStatus, EquipmentType } from './equipment-rules';

export interface EquipmentFilter {
  type?: EquipmentType;
  status?: EquipmentStatus;
  /** With `today`, the org's local date the due dates are compared with. */
  maintenance?: 'overdue' | 'due_soon';
  today: string;
  tag?: string;
  /** Fuel trucks due (or not) for their fuel-farm inspection, with `inspectionCutoff`. */
  inspectionDue?: boolean;
  inspectionCutoff?: Date;
}

/** "A fuel truck in service last inspected (or registered) before the cutoff": `truckInspectionDue` in SQL. */
const TRUCK_INSPECTION_DUE =
  "e.status <> 'out_of_service' AND COALESCE(e.last_inspected_at, e.created_at) < :inspectionCutoff";

/** The SQL of `fbo_equipment` and its maintenance log. */
@Injectable()
export class EquipmentRepository extends FlightOpsRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The unit (404 when it is not the org's); `lock` takes its row lock (FOR UPDATE) until commit. */
  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<Equipment> {
    return findInOrg(this.managerOf(options.tx), Equipment, orgId, id, 'Equipment', options);
  }

  /** By equipment id, `limit + 1` rows after the cursor's. */
  page(orgId: string, filter: EquipmentFilter, page: { limit: number; cursor?: string }): Promise<Equipment[]> {
    const qb = this.db.manager.createQueryBuilder(Equipment, 'e').where('e.org_id = :orgId', { orgId });
    if (filter.type) qb.andWhere('e.type = :type', { type: filter.type });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.tag) qb.andWhere(':tag = ANY(e.tags)', { tag: filter.tag });
    if (filter.maintenance === 'overdue') qb.andWhere('e.next_maintenance_on < :today', { today: filter.today });
    if (filter.maintenance === 'due_soon')
      qb.andWhere('e.next_maintenance_on BETWEEN :today AND :soon', {
        today: filter.today,
        soon: addDays(filter.today, DUE_SOON_DAYS),
      });
    if (filter.inspectionDue !== undefined) {
      qb.andWhere(`e.type = 'fuel_truck'`);
      qb.andWhere(filter.inspectionDue ? TRUCK_INSPECTION_DUE : `NOT (${TRUCK_INSPECTION_DUE})`, {
        inspectionCutoff: filter.inspectionCutoff,
      });
    }
    return keysetBy(qb, [['e.equipment_id', 'text']], page).getMany();
  }

  save(tx: EntityManager, row: Equipment): Promise<Equipment> {
    return saveNamingField(tx, Equipment, row, {
      detail: `Equipment ${row.equipmentId} exists`,
      slug: 'fbo-equipment-id-taken',
      field: 'equipmentId',
    });
  }

  /** Inserts many units in one statement (the demo); a taken equipment id is the same 409 as `save`. */
  async insertMany(tx: EntityManager, rows: Equipment[]): Promise<Equipment[]> {
    if (!rows.length) return [];
    await uniqueConflict(() => tx.insert(Equipment, rows), {
      detail: 'A unit with one of these equipment ids exists',
      slug: 'fbo-equipment-id-taken',
      field: 'equipmentId',
    });
    const ids = rows.map((r) => r.equipmentId);
    const byId = new Map(
      (await tx.find(Equipment, { where: { orgId: rows[0].orgId, equipmentId: In(ids) } })).map((e) => [
        e.equipmentId,
        e,
      ]),
    );
    return ids.map((id) => byId.get(id)!);
  }

  /** Sets a locked unit's status. */
  /** Sets a locked unit's status and its holder (`inUseBy`, null unless the status is in_use). */
  async setStatus(
    tx: EntityManager,
    unit: Equipment,
    status: EquipmentStatus,
    inUseBy: EquipmentHolder | null,
  ): Promise<void> {
    await tx.update(Equipment, { id: unit.id }, { status, inUseBy });
    unit.status = status;
    unit.inUseBy = inUseBy;
  }

  /** Records a truck's inspection at `at` on its locked row, unless a later one is already there. */
  async markInspected(tx: EntityManager, unit: Equipment, at: Date): Promise<void> {
    if (unit.lastInspectedAt && unit.lastInspectedAt >= at) return;
    await tx.update(Equipment, { id: unit.id }, { lastInspectedAt: at, inspectionOverdueAt: null });
    unit.lastInspectedAt = at;
    unit.inspectionOverdueAt = null;
  }

  /**
   * Claims, for the inspection job, every fuel truck (of every org, out of service aside) due and not
   * yet announced: marks it announced and returns it, so a second run the same day finds nothing.
   * The SQL form of `truckInspectionDue`.
   */
  async claimOverdueInspections(tx: EntityManager, cutoff: Date): Promise<Equipment[]> {
    const rows: { id: string }[] = await tx.query(
      // A CTE, so the driver answers rows for a SELECT (a bare UPDATE answers [rows, count]).
      `WITH claimed AS (
         UPDATE fbo_equipment e SET inspection_overdue_at = now()
          WHERE e.type = 'fuel_truck' AND e.status <> 'out_of_service'
            AND COALESCE(e.last_inspected_at, e.created_at) < $1 AND e.inspection_overdue_at IS NULL
          RETURNING e.id
       ) SELECT id FROM claimed`,
      [cutoff],
    );
    if (!rows.length) return [];
    return tx.find(Equipment, { where: { id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
  }

  addMaintenance(tx: EntityManager, row: Partial<EquipmentMaintenance>): Promise<EquipmentMaintenance> {
    return tx.save(EquipmentMaintenance, tx.create(EquipmentMaintenance, row));
  }

  /** A unit's log, newest first, `limit + 1` rows. */
  maintenancePage(orgId: string, equipmentId: string, page: { limit: number; cursor?: string }) {
    const qb = this.db.manager
      .createQueryBuilder(EquipmentMaintenance, 'm')
      .where('m.org_id = :orgId AND m.equipment_id = :equipmentId', { orgId, equipmentId });
    return newestFirst(qb, 'm.created_at', 'm.id', page).getMany();
  }
}
