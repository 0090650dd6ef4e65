import { Column, Entity, Index } from 'typeorm';
import { OrgRecord } from '../common/org-record';

/**
 * Who owned a character when: attendance is credited to the owner at raid time, so history
 * stays right after a character moves to another user.
 */
@Entity('dkp_character_ownership')
@Index('ix_dkp_character_ownership_char', ['orgId', 'characterId', 'ownedFrom'])
export class CharacterOwnership extends OrgRecord {
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
}
