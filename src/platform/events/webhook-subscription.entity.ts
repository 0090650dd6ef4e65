import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../database/base.entity';
import { Org } from '../tenancy/orgs/org.entity';

/**
 * An org admin's request to receive the org's domain events at a URL, signed with `secret`.
 * The secret is an HMAC key, so it is stored as is (a hash could not sign); it is returned only
 * when created or rotated.
 */
@Entity('webhook_subscriptions')
@Index('ix_webhook_subscriptions_org', ['orgId', 'createdAt'])
export class WebhookSubscription extends OrgScopedEntity {
  @Column('varchar', { length: 2048 })
  url: string;

  /** Exact event types (`dkp.member.rank_changed`), prefix wildcards (`dkp.*`) or `*`. */
  @Column('text', { array: true })
  eventTypes: string[];

  @Column('varchar', { length: 100 })
  secret: string;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('varchar', { length: 500, default: '' })
  description: string;

  // Declared for the foreign key only; code reads orgId.
  @ManyToOne(() => Org, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  private readonly org?: Org;
}
