import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { ReferencesUser } from '../../../platform/database/user-reference';
import { StarcorpFleetShip } from '../people/fleet/fleet-ship.entity';
import type { ParticipantStatus } from './mission-rules';
import { StarcorpMission } from './mission.entity';

/**
 * A member on a mission, with the hull they bring: one row per mission and user (a withdrawal
 * keeps the row as `declined`, and signing up again reuses it).
 */
@Entity('starcorp_mission_participants')
@Index('uq_starcorp_mission_participants_mission_user', ['missionId', 'userId'], { unique: true })
@Index('ix_starcorp_mission_participants_org_mission', ['orgId', 'missionId', 'status'])
@Index('ix_starcorp_mission_participants_org_user', ['orgId', 'userId'])
@Check(
  'ck_starcorp_mission_participants_status',
  "status IN ('signed_up', 'confirmed', 'declined', 'attended', 'no_show')",
)
@ReferencesUser('userId', { onDelete: 'CASCADE' })
export class StarcorpMissionParticipant extends OrgScopedEntity {
  @Column('uuid')
  missionId: string;

  @Column('uuid')
  userId: string;

  /** The member's own hull they fly; null when they come without one (or it was removed). */
  @Column('uuid', { nullable: true })
  fleetShipId: string | null;

  @Column('varchar', { length: 16, default: 'signed_up' })
  status: ParticipantStatus;

  /** When they (last) signed up. */
  @Column('timestamptz')
  signedUpAt: Date;

  @ManyToOne(() => StarcorpMission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mission_id', foreignKeyConstraintName: 'fk_starcorp_mission_participants_mission' })
  private readonly mission?: StarcorpMission;

  @ManyToOne(() => StarcorpFleetShip, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'fleet_ship_id', foreignKeyConstraintName: 'fk_starcorp_mission_participants_fleet_ship' })
  private readonly fleetShip?: StarcorpFleetShip;
}
