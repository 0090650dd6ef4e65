import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../../../platform/database/base.entity';
import { StarcorpManufacturer } from './manufacturer.entity';
import type { ProductionStatus, ShipSize } from './ship-kinds';

/**
 * A ship model of the shared catalog (no org id, by design), upserted by `externalId` from an
 * export. A model a fleet uses is `retired` when it leaves the catalog, never deleted.
 */
@Entity('starcorp_ships')
@Index('uq_starcorp_ships_external_id', ['externalId'], { unique: true })
@Index('ix_starcorp_ships_manufacturer_name', ['manufacturerId', 'name'])
@Index('ix_starcorp_ships_name', ['name'])
@Index('ix_starcorp_ships_size', ['size'])
@Check('ck_starcorp_ships_size', "size IN ('vehicle', 'snub', 'small', 'medium', 'large', 'capital')")
@Check('ck_starcorp_ships_production_status', "production_status IN ('flight_ready', 'in_production', 'concept')")
@Check('ck_starcorp_ships_crew', 'min_crew IS NULL OR max_crew IS NULL OR min_crew <= max_crew')
export class StarcorpShip extends BaseEntity {
  @Column('varchar', { length: 100 })
  externalId: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('uuid')
  manufacturerId: string;

  @Column('varchar', { length: 100, nullable: true })
  type: string | null;

  @Column('varchar', { length: 100, nullable: true })
  role: string | null;

  @Column('varchar', { length: 100, nullable: true })
  career: string | null;

  @Column('varchar', { length: 200, nullable: true })
  focus: string | null;

  @Column('varchar', { length: 16 })
  size: ShipSize;

  /** Metres. */
  @Column('numeric', { precision: 10, scale: 2, nullable: true })
  length: string | null;

  @Column('numeric', { precision: 10, scale: 2, nullable: true })
  beam: string | null;

  @Column('numeric', { precision: 10, scale: 2, nullable: true })
  height: string | null;

  /** Kilograms. */
  @Column('numeric', { precision: 15, scale: 2, nullable: true })
  mass: string | null;

  @Column('int', { nullable: true })
  minCrew: number | null;

  @Column('int', { nullable: true })
  maxCrew: number | null;

  @Column('int', { nullable: true })
  cargoScu: number | null;

  @Column('varchar', { length: 16 })
  productionStatus: ProductionStatus;

  /** USD. */
  @Column('numeric', { precision: 10, scale: 2, nullable: true })
  pledgePrice: string | null;

  @Column('varchar', { length: 500, nullable: true })
  imageUrl: string | null;

  @Column('varchar', { length: 500, nullable: true })
  storeUrl: string | null;

  @Column('boolean', { default: false })
  retired: boolean;

  @ManyToOne(() => StarcorpManufacturer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'manufacturer_id', foreignKeyConstraintName: 'fk_starcorp_ships_manufacturer' })
  manufacturer?: StarcorpManufacturer;
}
