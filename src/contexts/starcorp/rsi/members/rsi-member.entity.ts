import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { ReferencesUser } from '../../../../platform/database/user-reference';

/**
 * A citizen listed on the org's RSI page, as of the last sync. Upserted by handle; a handle the
 * API no longer lists gets `departedAt` (cleared when it comes back). `userId` is the org member
 * who owns the handle: set by an officer (`link`) or by the member proving it (`claim`); one handle
 * per user per org (a unique index; NULLs do not collide).
 */
@Entity('starcorp_rsi_members')
@Index('uq_starcorp_rsi_members_org_handle', ['orgId', 'handle'], { unique: true })
@Index('uq_starcorp_rsi_members_org_user', ['orgId', 'userId'], { unique: true })
@Check('ck_starcorp_rsi_members_stars', '"stars" IS NULL OR ("stars" >= 0 AND "stars" <= 5)')
@ReferencesUser('userId', { onDelete: 'SET NULL' })
export class StarcorpRsiMember extends OrgScopedEntity {
  @Column('varchar', { length: 64 })
  handle: string;

  @Column('varchar', { length: 120, nullable: true })
  displayName: string | null;

  @Column('varchar', { length: 120, nullable: true })
  rank: string | null;

  /** The org rank's stars, 0-5. */
  @Column('smallint', { nullable: true })
  stars: number | null;

  @Column('varchar', { length: 500, nullable: true })
  avatarUrl: string | null;

  /** The citizen's RSI bio, as last fetched by a claim. */
  @Column('text', { nullable: true })
  bio: string | null;

  @Column('uuid', { nullable: true })
  userId: string | null;

  /** When a sync last listed the handle. */
  @Column('timestamptz')
  lastSeenAt: Date;

  /** Set when a sync no longer lists the handle; cleared when it returns. */
  @Column('timestamptz', { nullable: true })
  departedAt: Date | null;
}
