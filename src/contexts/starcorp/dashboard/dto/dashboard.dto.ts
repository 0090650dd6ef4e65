import { ApiProperty } from '@nestjs/swagger';
import { TIERS, type Tier } from '../../../../platform/tenancy/tiers';
import { MissionDto } from '../../missions/dto/mission.dto';

export class DashboardRankCountDto {
  /** Null: members without a rank. */
  @ApiProperty({ type: String, nullable: true })
  rankId: string | null;
  /** The rank's name, `Unranked` for members without one. */
  name: string;
  @ApiProperty({ type: Number, nullable: true })
  level: number | null;
  members: number;
}

export class DashboardTierCountDto {
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;
  members: number;
}

export class DashboardSquadronSizeDto {
  squadronId: string;
  name: string;
  active: boolean;
  @ApiProperty({ type: Number, nullable: true })
  maxMembers: number | null;
  /** Members currently in the squadron (memberships not left). */
  members: number;
}

export class DashboardShipsDto {
  /** Hulls of the members that are active or on loan. */
  hulls: number;
  /** Distinct ship models among those hulls. */
  uniqueShips: number;
  /** Members holding at least one such hull. */
  owners: number;
  /** hulls / members, two places. */
  @ApiProperty({ example: '2.50' })
  hullsPerMember: string;
  /** The members' distinct models each, averaged over all members, two places. */
  @ApiProperty({ example: '1.75' })
  uniqueShipsPerMember: string;
}

export class DashboardDto {
  /** Members: memberships at `readonly` or above (the tiers that read the corporation). */
  members: number;
  /** Every membership tier of the org, guests and applicants included, highest first. */
  byTier: DashboardTierCountDto[];
  /** The org's ranks highest first (zero counts included), then the unranked members. */
  byRank: DashboardRankCountDto[];
  /** Every squadron by name with its current member count. */
  squadrons: DashboardSquadronSizeDto[];
  ships: DashboardShipsDto;
  /** The caller's unread messages (null for a bot key, which has no inbox). */
  @ApiProperty({ type: Number, nullable: true })
  unreadMessages: number | null;
  /** The next five scheduled missions, soonest first. */
  @ApiProperty({ type: [MissionDto] })
  upcomingMissions: MissionDto[];
  /** Officers only (absent for lower tiers): contact submissions in state `new`, spam left out. */
  @ApiProperty({ type: Number, required: false })
  newContactSubmissions?: number;
}
