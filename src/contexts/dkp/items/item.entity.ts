import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';

export const ITEM_RARITIES = ['common', 'uncommon', 'rare', 'epic', 'legendary'] as const;
export type ItemRarity = (typeof ITEM_RARITIES)[number];

/** An item that can drop. No fixed price: items go to the highest bidder. */
@Entity('dkp_items')
@Index('uq_dkp_items_org_name_key', ['orgId', 'nameKey'], { unique: true })
export class Item extends OrgScopedEntity {
  @Column('varchar', { length: 120 })
  name: string;

  /** lower(name), kept by Postgres, for case-insensitive uniqueness and lookup. */
  @Column({
    type: 'varchar',
    length: 120,
    generatedType: 'STORED',
    asExpression: 'lower(name)',
    insert: false,
    update: false,
  })
  nameKey: string;

  @Column('varchar', { length: 48, default: 'general' })
  category: string;

  @Column('varchar', { length: 16, default: 'common' })
  rarity: ItemRarity;

  @Column('varchar', { length: 500, nullable: true })
  externalUrl: string | null;

  @Column('text', { default: '' })
  description: string;

  /** The game's id of the item (e.g. EQdkp's `game_itemid`), set by imports; several comma-separated. */
  @Column('varchar', { length: 200, nullable: true })
  gameItemId: string | null;
}
