import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';

export const FUELER_STATUSES = ['active', 'inactive'] as const;
export type FuelerStatus = (typeof FUELER_STATUSES)[number];

/**
 * A member of the org who fuels aircraft (line staff), with the names the line uses (the handheld's
 * call name) and the employee number the training records carry. One fueler per user and org.
 * Never deleted: certifications and fuel orders refer to it; `inactive` takes it off the line.
 */
@Entity('fbo_fuelers')
@Index('uq_fbo_fuelers_org_user', ['orgId', 'userId'], { unique: true })
@Index('uq_fbo_fuelers_org_employee', ['orgId', 'employeeId'], { unique: true })
@Index('ix_fbo_fuelers_org_name', ['orgId', 'fuelerName', 'id'])
@Check('ck_fbo_fuelers_status', `"status" IN ('active', 'inactive')`)
@ReferencesUser('userId', { onDelete: 'RESTRICT' })
@ReferencesUser('supervisorUserId', { onDelete: 'SET NULL' })
export class Fueler extends OrgScopedEntity {
  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 100 })
  fuelerName: string;

  @Column('varchar', { length: 64, nullable: true })
  handheldName: string | null;

  @Column('varchar', { length: 32 })
  employeeId: string;

  @Column('uuid', { nullable: true })
  supervisorUserId: string | null;

  @Column('varchar', { length: 8, default: 'active' })
  status: FuelerStatus;
}
