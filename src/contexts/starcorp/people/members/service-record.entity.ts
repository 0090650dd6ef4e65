import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';

export const SERVICE_RECORD_KINDS = ['mission', 'training'] as const;
export type ServiceRecordKind = (typeof SERVICE_RECORD_KINDS)[number];

/** A completed mission or training of a member (the seed kept them as JSON lists on the profile). */
@Entity('starcorp_service_records')
@Index('ix_starcorp_service_records_org_user_completed', ['orgId', 'userId', 'completedAt'])
@Check('ck_starcorp_service_records_kind', "kind IN ('mission', 'training')")
@ReferencesUser('userId', { onDelete: 'CASCADE' })
export class StarcorpServiceRecord extends OrgScopedEntity {
  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 16 })
  kind: ServiceRecordKind;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('timestamptz')
  completedAt: Date;

  /** The officer who recorded it; null when recorded by a bot or the system. */
  @Column('uuid', { nullable: true })
  awardedBy: string | null;
}
