import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { StarcorpRank } from '../ranks/starcorp-rank.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';

/**
 * A member's corporation profile: one per membership (the seed's User + Member merged). Created on
 * first write; a member without one shows the platform user's name and no rank. Rows of departed
 * members stay (their service records keep their author) but are never listed: the member list
 * comes from the platform's memberships.
 */
@Entity('starcorp_member_profiles')
@Index('uq_starcorp_member_profiles_org_user', ['orgId', 'userId'], { unique: true })
@Index('ix_starcorp_member_profiles_org_rank', ['orgId', 'rankId'])
@ReferencesUser('userId', { onDelete: 'CASCADE' })
export class StarcorpMemberProfile extends OrgScopedEntity {
  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 64, nullable: true })
  displayName: string | null;

  @Column('text', { nullable: true })
  bio: string | null;

  @Column('uuid', { nullable: true })
  rankId: string | null;

  /** The uploaded avatar (platform file), preferred over the Discord one. */
  @Column('uuid', { nullable: true })
  avatarFileId: string | null;

  // Relation declared for its foreign key only: a rank in use cannot be deleted.
  @ManyToOne(() => StarcorpRank, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rank_id', foreignKeyConstraintName: 'fk_starcorp_member_profiles_rank' })
  private readonly rank?: StarcorpRank;
}
