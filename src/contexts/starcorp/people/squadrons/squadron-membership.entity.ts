import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { SquadronRole } from './squadron-rules';
import { StarcorpSquadron } from './squadron.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';

/**
 * A stint of a user in a squadron: active while `leftAt` is null. One active row per squadron and
 * user (a partial unique index), so a leaver can rejoin and the history stays.
 */
@Entity('starcorp_squadron_memberships')
@Index('uq_starcorp_squadron_memberships_active', ['squadronId', 'userId'], { unique: true, where: 'left_at IS NULL' })
@Index('ix_starcorp_squadron_memberships_org_squadron', ['orgId', 'squadronId', 'leftAt'])
@Index('ix_starcorp_squadron_memberships_org_user', ['orgId', 'userId', 'leftAt'])
@Check('ck_starcorp_squadron_memberships_role', "role IN ('member', 'lead', 'officer', 'specialist')")
@ReferencesUser('userId', { onDelete: 'CASCADE' })
export class StarcorpSquadronMembership extends OrgScopedEntity {
  @Column('uuid')
  squadronId: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 16, default: 'member' })
  role: SquadronRole;

  @Column('timestamptz')
  joinedAt: Date;

  @Column('timestamptz', { nullable: true })
  leftAt: Date | null;

  @Column('text', { nullable: true })
  notes: string | null;

  @ManyToOne(() => StarcorpSquadron, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'squadron_id', foreignKeyConstraintName: 'fk_starcorp_squadron_memberships_squadron' })
  private readonly squadron?: StarcorpSquadron;
}
