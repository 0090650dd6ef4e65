import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { DkpEvent } from '../events/dkp-event.entity';
import { Pool } from '../pools/pool.entity';

@Entity('dkp_raids')
@Index('ix_dkp_raids_org_time', ['orgId', 'startsAt', 'id'])
@Index('ix_dkp_raids_org_pool_time', ['orgId', 'poolId', 'startsAt'])
export class Raid extends OrgScopedEntity {
  @Column('uuid')
  eventId: string;

  @Column('uuid')
  poolId: string;

  @Column('timestamptz')
  startsAt: Date;

  @Column('uuid', { nullable: true })
  leaderUserId: string | null;

  @Column('text', { default: '' })
  notes: string;

  /**
   * Points for full attendance; defaults to the event's points when the raid is created. Null
   * when created with `value: null`: the first attendance import carrying RaidTick's Points column
   * sets it (see `chooseAwardValue`).
   */
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  value: string | null;

  // Relations declared for their foreign keys only.
  @ManyToOne(() => DkpEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  private readonly event?: DkpEvent;

  @ManyToOne(() => Pool, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id' })
  private readonly pool?: Pool;
}
