import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from '../../auth/users/user.entity';
import { Org } from '../orgs/org.entity';
import { OrgScopedEntity } from '../../database/base.entity';
import type { Grant, Tier } from '../tiers';

@Entity('memberships')
@Index('uq_memberships_org_user', ['orgId', 'userId'], { unique: true })
@Index('ix_memberships_user', ['userId'])
export class Membership extends OrgScopedEntity {
  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 16 })
  tier: Tier;

  @Column('text', { array: true, default: () => "'{}'" })
  grants: Grant[];

  // Relations declared for their foreign keys only; code reads the id columns.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  private readonly user?: User;

  @ManyToOne(() => Org, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  private readonly org?: Org;
}
