import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import type { FuelType } from '../tanks/tank.entity';

export const MOVEMENT_KINDS = ['receipt', 'transfer', 'defuel', 'adjustment', 'dispense'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * One movement of the append-only fuel ledger: `gallons` leave `fromHolderId` (if any) and enter
 * `toHolderId` (if any). A receipt enters a tank; a transfer goes tank → truck; a defuel takes fuel
 * off an aircraft into a truck or tank; a dispense leaves a truck into an aircraft; an adjustment
 * books the variance a stick reading found, as a gain (to) or a loss (from).
 */
@Entity('fbo_fuel_movements')
@Index('ix_fbo_fuel_movements_org_time', ['orgId', 'occurredAt', 'id'])
@Index('ix_fbo_fuel_movements_org_from', ['orgId', 'fromHolderId'])
@Index('ix_fbo_fuel_movements_org_to', ['orgId', 'toHolderId'])
@Check('ck_fbo_fuel_movements_gallons', '"gallons" > 0')
@Check('ck_fbo_fuel_movements_holders', '"from_holder_id" IS NOT NULL OR "to_holder_id" IS NOT NULL')
@Check('ck_fbo_fuel_movements_kind', `"kind" IN ('receipt', 'transfer', 'defuel', 'adjustment', 'dispense')`)
@ReferencesUser('recordedById', { onDelete: 'SET NULL' })
export class FuelMovement extends OrgScopedEntity {
  @Column('varchar', { length: 16 })
  kind: MovementKind;

  @Column('varchar', { length: 16 })
  fuelType: FuelType;

  @Column('uuid', { nullable: true })
  fromHolderId: string | null;

  @Column('uuid', { nullable: true })
  toHolderId: string | null;

  @Column('numeric', { precision: 12, scale: 2 })
  gallons: string;

  /** Adjustments: the book stock before, and what the stick (or meter) measured. */
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  bookGallons: string | null;

  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  measuredGallons: string | null;

  /** A bill of lading, a tail number, a fuel order id: what the movement refers to outside. */
  @Column('varchar', { length: 100, nullable: true })
  reference: string | null;

  @Column('text', { default: '' })
  note: string;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('uuid', { nullable: true })
  recordedById: string | null;
}
