import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { ReferencesUser } from '../../../platform/database/user-reference';
import { StarcorpSquadron } from '../people/squadrons/squadron.entity';
import type { MissionStatus, MissionType } from './mission-rules';

/** An operation the corporation flies: planned, scheduled, flown, completed (or cancelled before it starts). */
@Entity('starcorp_missions')
@Index('ix_starcorp_missions_org_scheduled', ['orgId', 'scheduledAt', 'id'])
@Index('ix_starcorp_missions_org_status_scheduled', ['orgId', 'status', 'scheduledAt'])
@Index('ix_starcorp_missions_org_squadron', ['orgId', 'squadronId'])
// The reminder job's scan, across orgs: only the scheduled missions not reminded yet.
@Index('ix_starcorp_missions_reminder_due', ['scheduledAt'], { where: "status = 'scheduled' AND reminded_at IS NULL" })
@Check(
  'ck_starcorp_missions_type',
  "type IN ('combat', 'exploration', 'trading', 'mining', 'salvage', 'security', 'racing', 'social', 'other')",
)
@Check('ck_starcorp_missions_status', "status IN ('draft', 'scheduled', 'in_progress', 'completed', 'cancelled')")
@Check('ck_starcorp_missions_max_participants', 'max_participants IS NULL OR max_participants > 0')
@ReferencesUser('createdByUserId', { onDelete: 'SET NULL' })
export class StarcorpMission extends OrgScopedEntity {
  @Column('varchar', { length: 200 })
  title: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('varchar', { length: 16 })
  type: MissionType;

  /** Catalog ship ids; a sign-up then needs a hull of one of them. Empty: any ship, or none. */
  @Column('uuid', { array: true })
  requiredShipIds: string[];

  /** Null: no limit. */
  @Column('int', { nullable: true })
  maxParticipants: number | null;

  @Column('timestamptz')
  scheduledAt: Date;

  /** A squadron's mission: its commander runs it and only its members sign up. */
  @Column('uuid', { nullable: true })
  squadronId: string | null;

  @Column('varchar', { length: 16, default: 'draft' })
  status: MissionStatus;

  @Column('uuid', { nullable: true })
  createdByUserId: string | null;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  /** When the reminder job announced it (cleared when it is rescheduled, so the new time is announced). */
  @Column('timestamptz', { nullable: true })
  remindedAt: Date | null;

  @ManyToOne(() => StarcorpSquadron, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'squadron_id', foreignKeyConstraintName: 'fk_starcorp_missions_squadron' })
  private readonly squadron?: StarcorpSquadron;
}
