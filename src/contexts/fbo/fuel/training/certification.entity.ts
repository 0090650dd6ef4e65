import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';
import { Fueler } from '../fuelers/fueler.entity';
import { TrainingCourse } from './course.entity';

/**
 * Columns shared by the current certification and its history: a fueler completed a course on
 * a day, certified by someone, good through `expiresOn`.
 */
export abstract class CertificationFields extends OrgScopedEntity {
  @Column('uuid')
  fuelerId: string;

  @Column('uuid')
  courseId: string;

  @Column('date')
  completedOn: string;

  @Column('date')
  expiresOn: string;

  @Column('uuid', { nullable: true })
  certifiedById: string | null;

  @Column('text', { default: '' })
  notes: string;
}

/**
 * The current certification of a fueler in a course: one per fueler and course, the latest
 * completion. Every completion is also kept in `fbo_certification_records`.
 */
@Entity('fbo_certifications')
@Index('uq_fbo_certifications_org_fueler_course', ['orgId', 'fuelerId', 'courseId'], { unique: true })
@Index('ix_fbo_certifications_org_expires', ['orgId', 'expiresOn', 'id'])
@ReferencesUser('certifiedById', { onDelete: 'SET NULL' })
export class Certification extends CertificationFields {
  /** The expiry the daily job last announced as near (a renewal moves `expiresOn` and re-arms it). */
  @Column('date', { nullable: true })
  expiringAnnouncedFor: string | null;

  /** The expiry the daily job last announced as passed. */
  @Column('date', { nullable: true })
  expiredAnnouncedFor: string | null;

  @ManyToOne(() => Fueler, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fueler_id' })
  fueler?: Fueler;

  @ManyToOne(() => TrainingCourse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: TrainingCourse;
}

/** Every completion ever recorded, append-only (never updated nor deleted): the training history. */
@Entity('fbo_certification_records')
@Index('ix_fbo_certification_records_org_fueler_completed', ['orgId', 'fuelerId', 'completedOn'])
@ReferencesUser('certifiedById', { onDelete: 'SET NULL' })
export class CertificationRecord extends CertificationFields {
  @ManyToOne(() => Fueler, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fueler_id' })
  fueler?: Fueler;

  @ManyToOne(() => TrainingCourse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: TrainingCourse;
}
