import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { Application } from './application.entity';

/** A recruiter's or officer's note on an application; never shown to the applicant or members. */
@Entity('dkp_application_comments')
@Index('ix_dkp_application_comments_org_app_created', ['orgId', 'applicationId', 'createdAt'])
export class ApplicationComment extends OrgScopedEntity {
  @Column('uuid')
  applicationId: string;

  /** Null when a bot key wrote it. */
  @Column('uuid', { nullable: true })
  authorUserId: string | null;

  @Column('text')
  body: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  private readonly application?: Application;
}
