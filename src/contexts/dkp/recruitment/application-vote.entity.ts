import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { ReferencesUser } from '../../../platform/database/user-reference';
import type { VoteChoice } from './application-rules';
import { Application } from './application.entity';

/** A member's current vote on an application: one per member, changed in place. */
@ReferencesUser('userId', { onDelete: 'CASCADE' })
@Entity('dkp_application_votes')
@Index('uq_dkp_application_votes_app_user', ['orgId', 'applicationId', 'userId'], { unique: true })
export class ApplicationVote extends OrgScopedEntity {
  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 16 })
  choice: VoteChoice;

  /** How many times the choice was changed after the first vote. */
  @Column('integer', { default: 0 })
  changeCount: number;

  /** The voter's 30-day attendance (best pool, percent) when they last voted. */
  @Column('numeric', { precision: 5, scale: 1 })
  attendancePercent: string;

  /** Whether that attendance met the application's threshold: only counted votes decide. */
  @Column('boolean')
  counted: boolean;

  @Column('timestamptz')
  votedAt: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  private readonly application?: Application;
}
