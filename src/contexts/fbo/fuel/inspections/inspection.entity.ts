import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
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
 * A fuel-farm inspection of a tank (14 CFR 139.321(d): the certificate holder inspects fuel
 * storage at least every 3 months and keeps the record). Append-only: a record is never edited.
 */
@Entity('fbo_fuel_inspections')
@Index('ix_fbo_fuel_inspections_org_tank_time', ['orgId', 'fuelTankId', 'inspectedAt'])
@ReferencesUser('inspectorId', { onDelete: 'RESTRICT' })
export class FuelInspection extends OrgScopedEntity {
  @Column('uuid')
  fuelTankId: string;

  @ManyToOne(() => FuelTank, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fuel_tank_id' })
  fuelTank?: FuelTank;

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
