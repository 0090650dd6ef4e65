import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { Pool } from '../pools/pool.entity';

/** A kind of raid (a raid target) with the points it is usually worth. */
@Entity('dkp_events')
@Index('uq_dkp_events_org_name', ['orgId', 'name'], { unique: true })
export class DkpEvent extends OrgScopedEntity {
  @Column('varchar', { length: 100 })
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('numeric', { precision: 12, scale: 2 })
  defaultPoints: string;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('uuid')
  poolId: string;

  // Relation declared for its foreign key only.
  @ManyToOne(() => Pool, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id' })
  private readonly pool?: Pool;
}
