import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';

/** A question of the org's application questionnaire. */
@Entity('dkp_application_questions')
@Index('ix_dkp_application_questions_org_order', ['orgId', 'sortOrder'])
export class ApplicationQuestion extends OrgScopedEntity {
  @Column('varchar', { length: 500 })
  prompt: string;

  @Column('boolean', { default: false })
  required: boolean;

  @Column('integer', { default: 0 })
  sortOrder: number;

  /** Inactive questions are no longer asked (and answers to them are refused). */
  @Column('boolean', { default: true })
  active: boolean;
}
