import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { TIERS, type Tier } from '../../../../platform/tenancy/tiers';
import { DISCORD_MAPPING_KINDS, type DiscordMappingKind } from '../discord-role-mapping.entity';

export const DISCORD_SNOWFLAKE = /^\d{15,20}$/;

export class CreateDiscordRoleMappingDto {
  /** The Discord role (snowflake) to hand out. */
  @Matches(DISCORD_SNOWFLAKE, { message: 'discordRoleId must be a Discord snowflake' })
  discordRoleId: string;

  @ApiProperty({ enum: DISCORD_MAPPING_KINDS, enumName: 'DiscordMappingKind' })
  @IsIn(DISCORD_MAPPING_KINDS)
  kind: DiscordMappingKind;

  /** Required for `rank` mappings: members whose highest rank is this one get the role. */
  @ValidateIf((o: CreateDiscordRoleMappingDto) => o.kind === 'rank' || o.rankId !== undefined)
  @IsUUID()
  rankId?: string;

  /** Required for `tier` mappings. */
  @ApiProperty({ enum: TIERS, enumName: 'Tier', required: false })
  @ValidateIf((o: CreateDiscordRoleMappingDto) => o.kind === 'tier' || o.tier !== undefined)
  @IsIn(TIERS)
  tier?: Tier;

  /** Tier mappings: also for every higher tier (e.g. a "Member" role for member and above). */
  @IsOptional()
  @IsBoolean()
  andAbove?: boolean;

  /** The role's name in Discord, for readers. */
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  label?: string | null;
}

/** What a mapping targets (kind, rank, tier) is fixed; delete and recreate to change it. */
export class UpdateDiscordRoleMappingDto {
  @IsOptional()
  @Matches(DISCORD_SNOWFLAKE, { message: 'discordRoleId must be a Discord snowflake' })
  discordRoleId?: string;

  @IsOptional()
  @IsBoolean()
  andAbove?: boolean;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  label?: string | null;
}

export class DiscordRoleMappingDto {
  id: string;
  @ApiProperty({ enum: DISCORD_MAPPING_KINDS, enumName: 'DiscordMappingKind' })
  kind: DiscordMappingKind;
  discordRoleId: string;
  rankId: string | null;
  rankName: string | null;
  @ApiProperty({ enum: TIERS, enumName: 'Tier', nullable: true, type: String })
  tier: Tier | null;
  andAbove: boolean;
  label: string | null;
  createdAt: Date;
}

/** A rank's own Discord role (set on the rank: `PATCH ranks/{id}` with `discordRoleId`). */
export class RankRoleDto {
  rankId: string;
  rankName: string;
  /** 0 is the highest rank. */
  sortOrder: number;
  discordRoleId: string;
}

export class DiscordRolesDto {
  /**
   * Every role the app manages: the bot adds and removes only these, and leaves any other role
   * of a Discord member alone.
   */
  managedRoleIds: string[];
  /** Ranks with a Discord role, highest first. */
  @ApiProperty({ type: [RankRoleDto] })
  ranks: RankRoleDto[];
  @ApiProperty({ type: [DiscordRoleMappingDto] })
  mappings: DiscordRoleMappingDto[];
}
