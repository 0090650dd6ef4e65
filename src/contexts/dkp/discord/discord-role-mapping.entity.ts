import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { Tier } from '../../../platform/tenancy/tiers';
import { Rank } from '../roster/rank.entity';

export const DISCORD_MAPPING_KINDS = ['rank', 'tier'] as const;
export type DiscordMappingKind = (typeof DISCORD_MAPPING_KINDS)[number];

/**
 * A Discord role the app hands out beside each rank's own `discordRoleId`:
 * - `rank`: an extra role for the members whose highest rank is `rankId` (e.g. one "Raider"
 *   role shared by several ranks);
 * - `tier`: a role for the members of an org tier (`andAbove`: that tier or higher, e.g. a
 *   "Member" role for every member; otherwise exactly that tier, e.g. "Trial").
 */
@Entity('dkp_discord_role_mappings')
@Index('ix_dkp_discord_role_mappings_org', ['orgId', 'kind'])
@Index('uq_dkp_discord_role_mappings_rank', ['orgId', 'discordRoleId', 'rankId'], {
  unique: true,
  where: "kind = 'rank'",
})
@Index('uq_dkp_discord_role_mappings_tier', ['orgId', 'discordRoleId', 'tier'], {
  unique: true,
  where: "kind = 'tier'",
})
@Check(
  'ck_dkp_discord_role_mappings_target',
  "(kind = 'rank' AND rank_id IS NOT NULL AND tier IS NULL) OR (kind = 'tier' AND tier IS NOT NULL AND rank_id IS NULL)",
)
export class DiscordRoleMapping extends OrgScopedEntity {
  @Column('varchar', { length: 20 })
  discordRoleId: string;

  @Column('varchar', { length: 8 })
  kind: DiscordMappingKind;

  @Column('uuid', { nullable: true })
  rankId: string | null;

  @Column('varchar', { length: 16, nullable: true })
  tier: Tier | null;

  /** Tier mappings only: the tier or any higher one. */
  @Column('boolean', { default: false })
  andAbove: boolean;

  /** What the role is called in Discord, for people reading the list. */
  @Column('varchar', { length: 100, nullable: true })
  label: string | null;

  // Declared for the foreign key only: deleting a rank deletes its extra roles.
  @ManyToOne(() => Rank, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rank_id' })
  private readonly rank?: Rank;
}
