import { ApiProperty } from '@nestjs/swagger';
import { TIERS, type Tier } from '../../../../platform/tenancy/tiers';

/** One linked member and the managed roles they should have in Discord. */
export class DiscordMemberStateDto {
  userId: string;
  discordId: string;
  username: string;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;
  /** The member's main character: a non-alt, preferring active and higher-ranked ones. */
  mainCharacterName: string | null;
  /** The highest rank among the member's active characters; it decides the rank roles. */
  rankId: string | null;
  rankName: string | null;
  /** Managed role ids the member should have, sorted. Any other managed role should go. */
  roles: string[];
}

export class DiscordMemberDetailDto extends DiscordMemberStateDto {
  /** Every role the app manages (see `GET discord/roles`). */
  managedRoleIds: string[];
}

export class DiscordRosterDto {
  /**
   * A hash of the whole desired state (members, their roles, the managed roles); also sent as
   * the ETag. Send it back in `If-None-Match` to get a 304 when nothing changed.
   */
  rosterVersion: string;
  managedRoleIds: string[];
  /** Members linked to Discord, by username. Discord members not listed should hold no managed role. */
  @ApiProperty({ type: [DiscordMemberStateDto] })
  members: DiscordMemberStateDto[];
  generatedAt: Date;
}
