import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { FuelType } from '../tanks/tank.entity';

export const COURSE_KINDS = ['initial', 'recurrent', 'supervisor'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

/**
 * A training course fuelers are certified in. Its validity is counted either in days or in calendar
 * months (139.321(e) recurrent training), never both. `fuelTypes` and `aircraftType` say what the
 * certification qualifies a fueler for; `required` courses must be current to dispatch.
 */
@Entity('fbo_training_courses')
@Index('uq_fbo_training_courses_org_name', ['orgId', 'name'], { unique: true })
@Check('ck_fbo_training_courses_kind', `"kind" IN ('initial', 'recurrent', 'supervisor')`)
@Check('ck_fbo_training_courses_validity', 'num_nonnulls("validity_days", "validity_calendar_months") = 1')
export class TrainingCourse extends OrgScopedEntity {
  @Column('varchar', { length: 100 })
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('varchar', { length: 16 })
  kind: CourseKind;

  @Column('int', { nullable: true })
  validityDays: number | null;

  @Column('int', { nullable: true })
  validityCalendarMonths: number | null;

  /** An ICAO type designator (e.g. `B738`) when the course qualifies for that type only. */
  @Column('varchar', { length: 32, nullable: true })
  aircraftType: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  fuelTypes: FuelType[];

  @Column('boolean', { default: true })
  required: boolean;
}
