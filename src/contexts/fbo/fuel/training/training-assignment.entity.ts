import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { StateMachine } from '../../../../platform/domain/state-machine';
import { Fueler } from '../fuelers/fueler.entity';
import { TrainingCourse } from './course.entity';

export const ASSIGNMENT_STATUSES = ['assigned', 'completed', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** assigned → completed (by recording the certification) | cancelled. */
export const ASSIGNMENT_LIFECYCLE = new StateMachine<AssignmentStatus>('training assignment', {
  assigned: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
});

/** Training a fueler must take by a date; overdue is derived (assigned and past `dueOn`). */
@Entity('fbo_training_assignments')
@Index('ix_fbo_training_assignments_org_due', ['orgId', 'dueOn', 'id'])
@Index('ix_fbo_training_assignments_org_fueler', ['orgId', 'fuelerId', 'courseId'])
@Check('ck_fbo_training_assignments_status', `"status" IN ('assigned', 'completed', 'cancelled')`)
@ReferencesUser('assignedById', { onDelete: 'SET NULL' })
export class TrainingAssignment extends OrgScopedEntity {
  @Column('uuid')
  fuelerId: string;

  @ManyToOne(() => Fueler, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fueler_id' })
  fueler?: Fueler;

  @Column('uuid')
  courseId: string;

  @ManyToOne(() => TrainingCourse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: TrainingCourse;

  @Column('date')
  dueOn: string;

  @Column('varchar', { length: 16, default: 'assigned' })
  status: AssignmentStatus;

  @Column('uuid', { nullable: true })
  assignedById: string | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}
