import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { FuelType } from '../tanks/tank.entity';

export const HOLDER_KINDS = ['tank', 'truck'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/**
 * The book stock of one tank or fuel truck: the running sum of the movement ledger, kept in the
 * same transaction as each movement, under a row lock, and never negative (the CHECK is the last
 * line behind the service's 409). `check:fuel` recomputes it from the ledger.
 */
@Entity('fbo_fuel_stock')
@Index('uq_fbo_fuel_stock_org_holder', ['orgId', 'holderId'], { unique: true })
@Check('ck_fbo_fuel_stock_nonnegative', '"gallons" >= 0')
@Check('ck_fbo_fuel_stock_holder_kind', `"holder_kind" IN ('tank', 'truck')`)
export class FuelStock extends OrgScopedEntity {
  @Column('varchar', { length: 8 })
  holderKind: HolderKind;

  /** A tank's id, or a fuel truck's (an `fbo_equipment` row of type `fuel_truck`). */
  @Column('uuid')
  holderId: string;

  /** What the holder holds; an empty truck may change it. */
  @Column('varchar', { length: 16 })
  fuelType: FuelType;

  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  gallons: string;
}
