import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { SquadronFocus } from './squadron-rules';
import { ReferencesUser } from '../../../../platform/database/user-reference';

/** A division of the corporation; name, slug and callsign are unique per org. */
@Entity('starcorp_squadrons')
@Index('uq_starcorp_squadrons_org_name', ['orgId', 'name'], { unique: true })
@Index('uq_starcorp_squadrons_org_slug', ['orgId', 'slug'], { unique: true })
@Index('uq_starcorp_squadrons_org_callsign', ['orgId', 'callsign'], { unique: true })
@Check(
  'ck_starcorp_squadrons_focus',
  "focus IN ('combat', 'exploration', 'trading', 'mining', 'security', 'support', 'mixed')",
)
@Check('ck_starcorp_squadrons_max_members', 'max_members IS NULL OR max_members > 0')
@Check('ck_starcorp_squadrons_color', "color_code ~ '^#[0-9A-Fa-f]{6}$'")
@ReferencesUser('commanderUserId', { onDelete: 'SET NULL' })
export class StarcorpSquadron extends OrgScopedEntity {
  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 100 })
  slug: string;

  @Column('varchar', { length: 50 })
  callsign: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('varchar', { length: 200, nullable: true })
  motto: string | null;

  @Column('uuid', { nullable: true })
  commanderUserId: string | null;

  @Column('varchar', { length: 16, default: 'mixed' })
  focus: SquadronFocus;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('boolean', { default: false })
  recruiting: boolean;

  /** Null: no limit. */
  @Column('int', { nullable: true })
  maxMembers: number | null;

  @Column('varchar', { length: 500, nullable: true })
  logoUrl: string | null;

  @Column('varchar', { length: 7, default: '#55E6A5' })
  colorCode: string;
}
