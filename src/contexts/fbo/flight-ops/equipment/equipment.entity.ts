import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { EquipmentHolder, EquipmentStatus, EquipmentType } from './equipment-rules';

/**
 * A unit of ground support equipment. Fuel trucks are rows of type `fuel_truck` with a capacity;
 * the fuel side refers to them by id. Never deleted: a retired unit is `out_of_service`.
 */
@Entity('fbo_equipment')
@Index('uq_fbo_equipment_org_equipment_id', ['orgId', 'equipmentId'], { unique: true })
@Index('ix_fbo_equipment_org_type_status', ['orgId', 'type', 'status'])
@Index('ix_fbo_equipment_org_next_maintenance', ['orgId', 'nextMaintenanceOn'])
@Check(
  'ck_fbo_equipment_type',
  `"type" IN ('fuel_truck', 'tug', 'gpu', 'air_start', 'belt_loader', 'stairs', 'lavatory_service', 'water_service', 'other')`,
)
@Check('ck_fbo_equipment_status', `"status" IN ('available', 'in_use', 'maintenance', 'out_of_service')`)
@Check('ck_fbo_equipment_capacity', '"capacity_gallons" IS NULL OR "capacity_gallons" > 0')
@Check('ck_fbo_equipment_in_use_by', `("status" = 'in_use') = ("in_use_by" IS NOT NULL)`)
export class Equipment extends OrgScopedEntity {
  /** The org's own label, painted on the unit ("TUG-01"). */
  @Column('varchar', { length: 32 })
  equipmentId: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 24 })
  type: EquipmentType;

  @Column('varchar', { length: 100, nullable: true })
  manufacturer: string | null;

  @Column('varchar', { length: 100, nullable: true })
  model: string | null;

  @Column('varchar', { length: 64, nullable: true })
  serial: string | null;

  /** US gallons a fuel truck (or service cart) holds. */
  @Column('numeric', { precision: 8, scale: 1, nullable: true })
  capacityGallons: string | null;

  @Column('varchar', { length: 16, default: 'available' })
  status: EquipmentStatus;

  /**
   * Who holds a unit in use (`equipmentHolder`): a fuel order or line service that took it, which
   * alone frees it, or `manual` for a unit set in use by hand. Null when not in use.
   */
  @Column('varchar', { length: 64, nullable: true })
  inUseBy: EquipmentHolder | null;

  @Column('date', { nullable: true })
  lastMaintenanceOn: string | null;

  @Column('date', { nullable: true })
  nextMaintenanceOn: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  /** A fuel truck's latest fuel-farm inspection (14 CFR 139.321(d)); kept by the fuel side. */
  @Column('timestamptz', { nullable: true })
  lastInspectedAt: Date | null;

  /** When the inspection job announced the truck overdue; cleared by the next inspection. */
  @Column('timestamptz', { nullable: true })
  inspectionOverdueAt: Date | null;
}
