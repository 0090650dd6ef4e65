import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';

/**
 * The org's mirror of its RSI organization page: one row per org, created by the first `PATCH
 * profile` (which sets the SID). A sync overwrites the mirrored fields from the Star Citizen API and
 * keeps the upstream answer in `apiData`; texts are stored as plain text (never upstream HTML).
 */
@Entity('starcorp_rsi_profiles')
@Index('uq_starcorp_rsi_profiles_org', ['orgId'], { unique: true })
@Check('ck_starcorp_rsi_profiles_member_count', '"member_count" IS NULL OR "member_count" >= 0')
export class StarcorpRsiProfile extends OrgScopedEntity {
  /** The RSI Spectrum ID (upper case), e.g. FAROUTCORP; null until an admin sets it. */
  @Column('varchar', { length: 16, nullable: true })
  sid: string | null;

  @Column('varchar', { length: 120, nullable: true })
  name: string | null;

  @Column('varchar', { length: 64, nullable: true })
  archetype: string | null;

  @Column('varchar', { length: 64, nullable: true })
  commitment: string | null;

  @Column('varchar', { length: 64, nullable: true })
  primaryLanguage: string | null;

  @Column('boolean', { nullable: true })
  recruiting: boolean | null;

  @Column('integer', { nullable: true })
  memberCount: number | null;

  @Column('text', { nullable: true })
  headline: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { nullable: true })
  history: string | null;

  @Column('text', { nullable: true })
  manifesto: string | null;

  @Column('text', { nullable: true })
  charter: string | null;

  @Column('varchar', { length: 500, nullable: true })
  logoUrl: string | null;

  @Column('varchar', { length: 500, nullable: true })
  bannerUrl: string | null;

  /** The organization object of the last successful sync, as the API sent it. */
  @Column('jsonb', { nullable: true })
  apiData: Record<string, unknown> | null;

  @Column('timestamptz', { nullable: true })
  lastSyncedAt: Date | null;
}
