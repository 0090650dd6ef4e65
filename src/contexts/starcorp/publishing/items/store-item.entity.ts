import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/** An item the corporation keeps (seed 3.9). Its quantity moves only by adjustments (movements). */
@Entity('starcorp_items')
@Index('ix_starcorp_items_org_title', ['orgId', 'title', 'id'])
@Check('ck_starcorp_items_quantity_non_negative', `"quantity" >= 0`)
export class StoreItem extends OrgScopedEntity {
  @Column('varchar', { length: 255 })
  title: string;

  @Column('text', { default: '' })
  description: string;

  /** Units in stock, a whole number. */
  @Column('integer', { default: 0 })
  quantity: number;

  @Column('varchar', { length: 500, nullable: true })
  imageUrl: string | null;

  @Column('varchar', { length: 64, nullable: true })
  category: string | null;

  @Column('varchar', { length: 120, nullable: true })
  location: string | null;
}
