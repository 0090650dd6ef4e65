import { Column, Entity, Index } from 'typeorm';
import { OrgRecord } from '../common/org-record';

export const LEDGER_KINDS = ['attendance', 'loot', 'adjustment', 'decay', 'correction'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Which balance column an entry moves; a correction moves the column of what it corrects. */
export const LEDGER_BUCKETS = ['earned', 'spent', 'adjusted', 'decayed'] as const;
export type LedgerBucket = (typeof LEDGER_BUCKETS)[number];

/**
 * The append-only points ledger. `amount` is the signed effect on the balance. Nothing updates
 * or deletes rows: a mistake is undone by a correction entry that points at it.
 */
@Entity('dkp_ledger')
@Index('ix_dkp_ledger_user_history', ['orgId', 'userId', 'createdAt', 'id'])
@Index('ix_dkp_ledger_character', ['orgId', 'characterName', 'createdAt'])
@Index('ix_dkp_ledger_raid', ['raidId'])
export class LedgerEntry extends OrgRecord {
  @Column('uuid')
  poolId: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 16 })
  kind: LedgerKind;

  @Column('varchar', { length: 16 })
  bucket: LedgerBucket;

  @Column('numeric', { precision: 12, scale: 2 })
  amount: string;

  /** The character named at the time (raid attendance, loot winner), never a foreign key. */
  @Column('varchar', { length: 32, nullable: true })
  characterName: string | null;

  @Column('varchar', { length: 500, default: '' })
  reason: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  /** Where it came from: `api`, `import`, `bot`, `job`, `bulk-load`. */
  @Column('varchar', { length: 16 })
  source: string;

  @Column('uuid', { nullable: true })
  raidId: string | null;

  @Column('uuid', { nullable: true })
  lootId: string | null;

  /** For corrections: the entry being reversed. */
  @Column('uuid', { nullable: true })
  correctsId: string | null;
}
