import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { Equipment } from '../../flight-ops/equipment/equipment.entity';
import { FuelTank } from '../tanks/tank.entity';

export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** One checklist item of an inspection. */
export interface ChecklistResult {
  item: string;
  result: InspectionResult;
  findings: string;
}

/**
 * A fuel-farm inspection of a tank or of a fuel truck, exactly one of the two (14 CFR 139.321(d):
 * the certificate holder inspects fuel storage and fueling vehicles at least every 3 months and
 * keeps the record). Append-only: a record is never edited.
 */
@Entity('fbo_fuel_inspections')
@Index('ix_fbo_fuel_inspections_org_tank_time', ['orgId', 'fuelTankId', 'inspectedAt'])
@Index('ix_fbo_fuel_inspections_org_truck_time', ['orgId', 'truckId', 'inspectedAt'])
@Check('ck_fbo_fuel_inspections_target', 'num_nonnulls("fuel_tank_id", "truck_id") = 1')
@ReferencesUser('inspectorId', { onDelete: 'RESTRICT' })
export class FuelInspection extends OrgScopedEntity {
  /** The tank inspected (null for a truck inspection). */
  @Column('uuid', { nullable: true })
  fuelTankId: string | null;

  @ManyToOne(() => FuelTank, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fuel_tank_id' })
  fuelTank?: FuelTank;

  /** The fuel truck (an `fbo_equipment` row of type `fuel_truck`) inspected (null for a tank inspection). */
  @Column('uuid', { nullable: true })
  truckId: string | null;

  @ManyToOne(() => Equipment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'truck_id', foreignKeyConstraintName: 'fk_fbo_fuel_inspections_truck' })
  private readonly truck?: Equipment;

  /** `fail` when any checklist item failed. */
  @Column('varchar', { length: 4 })
  result: InspectionResult;

  @Column('jsonb')
  checklist: ChecklistResult[];

  @Column('text', { default: '' })
  findings: string;

  @Column('uuid')
  inspectorId: string;

  @Column('timestamptz')
  inspectedAt: Date;
}
