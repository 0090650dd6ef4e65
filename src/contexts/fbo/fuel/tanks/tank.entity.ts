import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { CalibrationPoint } from './calibration';
import type { TankStatus } from './tank-rules';

export const FUEL_TYPES = ['jet_a', 'avgas_100ll'] as const;
export type FuelType = (typeof FUEL_TYPES)[number];

/**
 * A storage tank of the fuel farm. The latest reading is kept on the row (`last*`), so the tank
 * list reads one row per tank however many readings accumulate, and `alertLevel` remembers the
 * status announced last, so a fall below a level is announced once.
 */
@Entity('fbo_fuel_tanks')
@Index('uq_fbo_fuel_tanks_org_tank_id', ['orgId', 'tankId'], { unique: true })
@Check('ck_fbo_fuel_tanks_fuel_type', `"fuel_type" IN ('jet_a', 'avgas_100ll')`)
export class FuelTank extends OrgScopedEntity {
  /** The farm's own number for the tank, e.g. `JA-1`. */
  @Column('varchar', { length: 32 })
  tankId: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 16 })
  fuelType: FuelType;

  @Column('numeric', { precision: 12, scale: 2 })
  capacityGallons: string;

  @Column('numeric', { precision: 7, scale: 2 })
  minLevelInches: string;

  @Column('numeric', { precision: 7, scale: 2 })
  maxLevelInches: string;

  @Column('numeric', { precision: 7, scale: 2 })
  usableMinInches: string;

  @Column('numeric', { precision: 7, scale: 2 })
  usableMaxInches: string;

  @Column('jsonb')
  calibrationTable: CalibrationPoint[];

  @Column('numeric', { precision: 12, scale: 2 })
  lowLevelGallons: string;

  @Column('numeric', { precision: 12, scale: 2 })
  criticalLevelGallons: string;

  @Column('timestamptz', { nullable: true })
  lastReadingAt: Date | null;

  @Column('numeric', { precision: 7, scale: 2, nullable: true })
  lastLevelInches: string | null;

  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  lastGallons: string | null;

  @Column('boolean', { nullable: true })
  lastWaterDetected: boolean | null;

  /** The status at the latest reading, as announced (`ok` until a reading says otherwise). */
  @Column('varchar', { length: 8, default: 'ok' })
  alertLevel: TankStatus;

  @Column('timestamptz', { nullable: true })
  lastInspectedAt: Date | null;

  /** When the inspection job announced the tank overdue; cleared by the next inspection. */
  @Column('timestamptz', { nullable: true })
  inspectionOverdueAt: Date | null;
}
