import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgRecord } from '../common/org-record';
import { Raid } from '../raids/raid.entity';

export const ATTENDANCE_FLAGS = ['on_time', 'late', 'left_early'] as const;
export type AttendanceFlag = (typeof ATTENDANCE_FLAGS)[number];

/**
 * One user's attendance of one raid: a user earns a raid once, whichever and however many of
 * their characters were there. `characterName` keeps the name as it was.
 */
@Entity('dkp_attendance')
@Index('uq_dkp_attendance_raid_user', ['raidId', 'userId'], { unique: true })
@Index('ix_dkp_attendance_org_user', ['orgId', 'userId', 'raidId'])
export class Attendance extends OrgRecord {
  @Column('uuid')
  raidId: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 32 })
  characterName: string;

  @Column('varchar', { length: 16, default: 'on_time' })
  flag: AttendanceFlag;

  @Column('numeric', { precision: 12, scale: 2 })
  points: string;

  // Relation declared for its foreign key only.
  @ManyToOne(() => Raid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'raid_id' })
  private readonly raid?: Raid;
}
