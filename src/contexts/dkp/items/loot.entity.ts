import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgRecord } from '../common/org-record';
import { Item } from './item.entity';

/** An item awarded to a user for a winning amount; its debit is a ledger entry. */
@Entity('dkp_loot')
@Index('ix_dkp_loot_org_time', ['orgId', 'createdAt', 'id'])
@Index('ix_dkp_loot_item', ['orgId', 'itemId', 'createdAt'])
@Index('ix_dkp_loot_user', ['orgId', 'userId', 'createdAt'])
export class Loot extends OrgRecord {
  @Column('uuid')
  itemId: string;

  @Column('uuid')
  userId: string;

  @Column('uuid')
  poolId: string;

  @Column('uuid', { nullable: true })
  raidId: string | null;

  @Column('varchar', { length: 32, nullable: true })
  characterName: string | null;

  @Column('numeric', { precision: 12, scale: 2 })
  amount: string;

  /** Set when the award was undone (by a correction entry); the row itself stays. */
  @Column('timestamptz', { nullable: true })
  reversedAt: Date | null;

  // Relation declared for its foreign key only.
  @ManyToOne(() => Item, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  private readonly item?: Item;
}
