import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { ReferencesUser } from '../../../platform/database/user-reference';
import { Rank } from './rank.entity';

export const CHARACTER_STATUSES = ['active', 'inactive', 'retired'] as const;
export type CharacterStatus = (typeof CHARACTER_STATUSES)[number];

/**
 * A character on the roster. Points never belong to characters: they belong to the owning user,
 * so a character can change hands while every point stays with whoever earned it.
 */
@ReferencesUser('userId', { onDelete: 'RESTRICT' })
@Entity('dkp_characters')
@Index('uq_dkp_characters_org_name_key', ['orgId', 'nameKey'], { unique: true })
@Index('ix_dkp_characters_org_user', ['orgId', 'userId'])
@Index('ix_dkp_characters_org_class', ['orgId', 'characterClass'])
export class Character extends OrgScopedEntity {
  @Column('varchar', { length: 32 })
  name: string;

  /** lower(name), kept by Postgres, so names are unique per org whatever their case. */
  @Column({
    type: 'varchar',
    length: 32,
    generatedType: 'STORED',
    asExpression: 'lower(name)',
    insert: false,
    update: false,
  })
  nameKey: string;

  @Column('varchar', { length: 32 })
  characterClass: string;

  @Column('smallint', { default: 1 })
  level: number;

  @Column('uuid', { nullable: true })
  rankId: string | null;

  @Column('varchar', { length: 16, default: 'active' })
  status: CharacterStatus;

  /** The user who owns the character now (and earns its points from now on). */
  @Column('uuid')
  userId: string;

  /** Set on alts: the user's main character. */
  @Column('uuid', { nullable: true })
  mainCharacterId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  joinedAt: Date;

  // Relations declared for their foreign keys only; code reads the id columns.
  @ManyToOne(() => Rank, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'rank_id' })
  private readonly rank?: Rank;

  @ManyToOne(() => Character, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'main_character_id' })
  private readonly mainCharacter?: Character;
}
