import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { DISCORD_SYNC_ACTIONS, type DiscordSyncAction } from '../discord-sync-log.entity';
import { DISCORD_SNOWFLAKE } from './discord-roles.dto';

const SNOWFLAKE_MESSAGE = { message: 'must be a Discord snowflake' };

export class RoleSyncResultInputDto {
  @Matches(DISCORD_SNOWFLAKE, SNOWFLAKE_MESSAGE)
  discordId: string;

  /** Role ids the bot added. */
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(DISCORD_SNOWFLAKE, { each: true, ...SNOWFLAKE_MESSAGE })
  added: string[];

  /** Role ids the bot removed. */
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(DISCORD_SNOWFLAKE, { each: true, ...SNOWFLAKE_MESSAGE })
  removed: string[];

  @IsBoolean()
  ok: boolean;

  /** Why it failed, when `ok` is false (e.g. Discord's "Missing Permissions"). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  error?: string;
}

/** What the bot applied in Discord, one result per member it touched. */
export class ReportRoleSyncDto {
  @ApiProperty({ type: [RoleSyncResultInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RoleSyncResultInputDto)
  results: RoleSyncResultInputDto[];
}

export class RoleSyncReportDto {
  /** Log rows written, one per result. */
  recorded: number;
  failed: number;
  /** Reported Discord ids that are not linked to a member of this org (recorded all the same). */
  unknownDiscordIds: string[];
}

export class LinkDiscordMemberDto {
  /** A member of this org. */
  @IsUUID()
  userId: string;

  @Matches(DISCORD_SNOWFLAKE, { message: 'discordId must be a Discord snowflake' })
  discordId: string;
}

export class ListDiscordSyncLogQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @Matches(DISCORD_SNOWFLAKE, { message: 'discordId must be a Discord snowflake' })
  discordId?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiProperty({ enum: DISCORD_SYNC_ACTIONS, enumName: 'DiscordSyncAction', required: false })
  @IsOptional()
  @IsIn(DISCORD_SYNC_ACTIONS)
  action?: DiscordSyncAction;
}

export class DiscordSyncLogEntryDto {
  id: string;
  @ApiProperty({ enum: DISCORD_SYNC_ACTIONS, enumName: 'DiscordSyncAction' })
  action: DiscordSyncAction;
  discordId: string;
  userId: string | null;
  added: string[];
  removed: string[];
  ok: boolean;
  error: string | null;
  /** Null when a bot key acted. */
  actorUserId: string | null;
  apiKeyId: string | null;
  createdAt: Date;
}
