import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Org } from '../orgs/org.entity';
import { OrgScopedEntity } from '../../database/base.entity';
import type { Grant, Tier } from '../tiers';

/** A code that lets whoever holds it join the org at a set tier, a limited number of times. */
@Entity('invitations')
@Index('ix_invitations_org', ['orgId', 'createdAt'])
export class Invitation extends OrgScopedEntity {
  @Index('uq_invitations_code', { unique: true })
  @Column('varchar', { length: 32 })
  code: string;

  @Column('varchar', { length: 16 })
  tier: Tier;

  @Column('text', { array: true, default: () => "'{}'" })
  grants: Grant[];

  @Column('int', { default: 1 })
  maxUses: number;

  @Column('int', { default: 0 })
  uses: number;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('uuid')
  createdById: string;

  // Relations declared for their foreign keys only; code reads the id columns.
  @ManyToOne(() => Org, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  private readonly org?: Org;
}
