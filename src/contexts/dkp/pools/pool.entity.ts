import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';

/** A DKP pool: an independent points economy (e.g. one per expansion or raid tier). */
@Entity('dkp_pools')
@Index('uq_dkp_pools_org_name', ['orgId', 'name'], { unique: true })
export class Pool extends OrgScopedEntity {
  @Column('varchar', { length: 64 })
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** Share of the raid value awarded to a late arrival (1 = full award). */
  @Column('numeric', { precision: 3, scale: 2, default: () => '0.5' })
  lateAwardFraction: string;

  /** Share of the raid value awarded to someone who left early. */
  @Column('numeric', { precision: 3, scale: 2, default: () => '0.5' })
  leftEarlyAwardFraction: string;

  /** Percent of each positive balance removed per decay period; 0 turns decay off. */
  @Column('numeric', { precision: 5, scale: 2, default: 0 })
  decayPercent: string;

  /** Length of a decay period in days. */
  @Column('int', { default: 7 })
  decayPeriodDays: number;
}
