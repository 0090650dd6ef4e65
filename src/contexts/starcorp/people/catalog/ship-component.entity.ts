import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../../../platform/database/base.entity';
import type { ComponentType } from './ship-kinds';
import { StarcorpShip } from './ship.entity';

/** A component or hardpoint of a catalog ship; the importer replaces a ship's list wholesale. */
@Entity('starcorp_ship_components')
@Index('ix_starcorp_ship_components_ship', ['shipId'])
@Check(
  'ck_starcorp_ship_components_type',
  "type IN ('weapon', 'shield', 'power_plant', 'cooler', 'quantum_drive', 'fuel_tank', 'cargo_hold', 'misc')",
)
@Check('ck_starcorp_ship_components_quantity', 'quantity >= 1')
export class StarcorpShipComponent extends BaseEntity {
  @Column('uuid')
  shipId: string;

  @Column('varchar', { length: 16 })
  type: ComponentType;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 10, nullable: true })
  size: string | null;

  @Column('int', { default: 1 })
  quantity: number;

  @Column('varchar', { length: 200, nullable: true })
  mountName: string | null;

  @Column('varchar', { length: 100, nullable: true })
  manufacturer: string | null;

  @ManyToOne(() => StarcorpShip, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ship_id', foreignKeyConstraintName: 'fk_starcorp_ship_components_ship' })
  private readonly ship?: StarcorpShip;
}
