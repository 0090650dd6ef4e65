import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { VoteChoice } from './application-rules';
import { Application } from './application.entity';

/** Append-only log of every vote cast or changed (`fromChoice` null for the first vote). */
@Entity('dkp_application_vote_changes')
@Index('ix_dkp_application_vote_changes_org_app_created', ['orgId', 'applicationId', 'createdAt'])
export class ApplicationVoteChange extends OrgScopedEntity {
  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 16, nullable: true })
  fromChoice: VoteChoice | null;

  /** Null when the voter withdrew their vote. */
  @Column('varchar', { length: 16, nullable: true })
  toChoice: VoteChoice | null;

  @Column('numeric', { precision: 5, scale: 1 })
  attendancePercent: string;

  @Column('boolean')
  counted: boolean;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  private readonly application?: Application;
}
