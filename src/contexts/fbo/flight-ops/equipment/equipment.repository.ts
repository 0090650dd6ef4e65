import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { keysetBy } from '../../../../platform/http/keyset';
import { newestFirst } from '../../../../platform/http/pagination';
import { saveNamingField } from '../../../../platform/database/unique-conflict';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { addDays } from '../common/local-date';
import { EquipmentMaintenance } from './equipment-maintenance.entity';
import { Equipment } from './equipment.entity';
import { DUE_SOON_DAYS, EquipmentStatus, EquipmentType } from './equipment-rules';

export interface EquipmentFilter {
  type?: EquipmentType;
  status?: EquipmentStatus;
  /** With `today`, the org's local date the due dates are compared with. */
  maintenance?: 'overdue' | 'due_soon';
  today: string;
  tag?: string;
}

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
    return keysetBy(qb, [['e.equipment_id', 'text']], page).getMany();
  }

  save(tx: EntityManager, row: Equipment): Promise<Equipment> {
    return saveNamingField(tx, Equipment, row, {
      detail: `Equipment ${row.equipmentId} exists`,
      slug: 'fbo-equipment-id-taken',
      field: 'equipmentId',
    });
  }

  /** Sets a locked unit's status. */
  async setStatus(tx: EntityManager, unit: Equipment, status: EquipmentStatus): Promise<void> {
    await tx.update(Equipment, { id: unit.id }, { status });
    unit.status = status;
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
