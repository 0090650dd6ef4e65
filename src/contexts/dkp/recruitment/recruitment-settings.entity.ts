import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { TieRule } from './application-rules';

/** Per-org recruitment rules; an org without a row uses the defaults (`DEFAULT_RECRUITMENT_SETTINGS`). */
@Entity('dkp_recruitment_settings')
@Index('uq_dkp_recruitment_settings_org', ['orgId'], { unique: true })
export class RecruitmentSettings extends OrgScopedEntity {
  @Column('integer', { default: 48 })
  votingHours: number;

  @Column('numeric', { precision: 5, scale: 1, default: 15 })
  minAttendancePercent: string;

  @Column('integer', { default: 1 })
  quorum: number;

  @Column('varchar', { length: 16, default: 'recycle' })
  tieRule: TieRule;

  @Column('numeric', { precision: 5, scale: 1, default: 50 })
  passThresholdPercent: string;

  @Column('integer', { default: 14 })
  trialDays: number;
}
