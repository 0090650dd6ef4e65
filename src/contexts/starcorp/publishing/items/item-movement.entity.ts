import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { StoreItem } from './store-item.entity';

/** One change of an item's quantity: the item's history, and what its quantity is the sum of. */
@Entity('starcorp_item_movements')
@Index('ix_starcorp_item_movements_org_item_created', ['orgId', 'itemId', 'createdAt', 'id'])
@ReferencesUser('actorUserId', { onDelete: 'SET NULL' })
export class ItemMovement extends OrgScopedEntity {
  @Column('uuid')
  itemId: string;

  @ManyToOne(() => StoreItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: StoreItem;

  @Column('integer')
  delta: number;

  @Column('integer')
  quantityAfter: number;

  @Column('varchar', { length: 300 })
  reason: string;

  /** Who adjusted it; null for bots and deleted accounts. */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;
}
