import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { PackageType, StorageType, WeightType } from '../common/choices';
import type { WeightUnit } from '../common/money.dto';
import { Protein } from '../settings/protein.entity';

/** An item the org trades: a cut in a package, sold by net or catch weight. */
@Entity('brokerage_products')
@Index('uq_brokerage_products_org_code', ['orgId', 'productCode'], { unique: true })
@Index('ix_brokerage_products_org_protein', ['orgId', 'proteinId'])
@Check('chk_brokerage_products_unit_weight', '"unit_weight" > 0')
export class Product extends OrgScopedEntity {
  @Column('varchar', { length: 32 })
  productCode: string;

  @Column('varchar', { length: 500 })
  description: string;

  @Column('uuid')
  proteinId: string;

  @ManyToOne(() => Protein, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'protein_id' })
  protein?: Protein;

  @Column('varchar', { length: 8 })
  storage: StorageType;

  @Column('varchar', { length: 16 })
  packageType: PackageType;

  /** Catch weight bills the weight actually received; net weight the labelled one. */
  @Column('varchar', { length: 8 })
  weightType: WeightType;

  @Column('boolean', { default: true })
  edible: boolean;

  @Column('boolean', { default: false })
  tested: boolean;

  /** Weight of one case. */
  @Column('numeric', { precision: 12, scale: 3 })
  unitWeight: string;

  @Column('varchar', { length: 3 })
  unitWeightUnit: WeightUnit;

  /** Inactive products stay for past orders but cannot be ordered. */
  @Column('boolean', { default: true })
  active: boolean;
}
