import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { FuelTank } from './tank.entity';

export const READING_SOURCES = ['manual', 'gauge'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

/**
 * One level reading of a tank. A tank has at most one reading per instant: a gauge re-sending a
 * reading it already sent is recognized by (tank, recordedAt) and not stored twice.
 */
@Entity('fbo_fuel_tank_readings')
@Index('uq_fbo_fuel_tank_readings_org_tank_time', ['orgId', 'fuelTankId', 'recordedAt'], { unique: true })
@ReferencesUser('recordedById', { onDelete: 'SET NULL' })
export class TankReading extends OrgScopedEntity {
  @Column('uuid')
  fuelTankId: string;

  @ManyToOne(() => FuelTank, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fuel_tank_id' })
  fuelTank?: FuelTank;

  @Column('numeric', { precision: 7, scale: 2 })
  levelInches: string;

  /** Interpolated from the tank's calibration table when the reading was taken. */
  @Column('numeric', { precision: 12, scale: 2 })
  gallons: string;

  @Column('boolean', { default: false })
  waterDetected: boolean;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('varchar', { length: 8 })
  source: ReadingSource;

  /** The user who recorded it (null for a gauge's bot key). */
  @Column('uuid', { nullable: true })
  recordedById: string | null;
}
