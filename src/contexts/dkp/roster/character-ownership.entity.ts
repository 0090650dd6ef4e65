import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who owned a character when: attendance is credited to the owner at raid time, so history
 * stays right after a character moves to another user.
 */
@Entity('dkp_character_ownership')
@Index('ix_dkp_character_ownership_char', ['orgId', 'characterId', 'ownedFrom'])
export class CharacterOwnership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  @Column('uuid')
  characterId: string;

  @Column('uuid')
  userId: string;

  @Column('timestamptz')
  ownedFrom: Date;

  /** Null while current. */
  @Column('timestamptz', { nullable: true })
  ownedUntil: Date | null;

  @Column('varchar', { length: 200, nullable: true })
  reason: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
