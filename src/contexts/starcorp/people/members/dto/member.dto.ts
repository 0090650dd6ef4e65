import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { TIERS, type Tier } from '../../../../../platform/tenancy/tiers';
import { StarcorpRankDto } from '../../ranks/dto/rank.dto';
import { AVATAR_SOURCES, type AvatarSource } from '../avatar-url';
import { SERVICE_RECORD_KINDS, type ServiceRecordKind } from '../service-record.entity';

export class ListStarcorpMembersQueryDto extends CursorPageQueryDto {
  /** Only members holding this rank. */
  @IsOptional()
  @IsUUID()
  rankId?: string;

  /** Only members active in this squadron. */
  @IsOptional()
  @IsUUID()
  squadronId?: string;

  @ApiProperty({ enum: TIERS, enumName: 'Tier', required: false })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  /** Case-insensitive substring of the username or display name. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  search?: string;
}

export class UpdateMyStarcorpProfileDto {
  /** Shown instead of the username; null goes back to the account's name. */
  @IsOptional()
  @IsNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @IsSafeName()
  displayName?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(4000)
  @IsSafeText()
  bio?: string | null;
}

export class UpdateStarcorpMemberDto {
  /** The member's rank; null leaves them unranked. */
  @IsNullable()
  @IsUUID()
  rankId: string | null;
}

export class CreateServiceRecordDto {
  @ApiProperty({ enum: SERVICE_RECORD_KINDS, enumName: 'StarcorpServiceRecordKind' })
  @IsIn(SERVICE_RECORD_KINDS)
  kind: ServiceRecordKind;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeName()
  title: string;

  /** When it was completed (ISO 8601). */
  @Type(() => Date)
  @IsDate()
  completedAt: Date;
}

export class ServiceRecordDto {
  id: string;
  userId: string;
  @ApiProperty({ enum: SERVICE_RECORD_KINDS, enumName: 'StarcorpServiceRecordKind' })
  kind: ServiceRecordKind;
  title: string;
  completedAt: Date;
  /** The officer who recorded it (null: a bot or the system). */
  awardedBy: string | null;
}

export class StarcorpMemberStatsDto {
  missionsCompleted: number;
  trainingsCompleted: number;
  /** Hulls not sold. */
  shipsOwned: number;
}

export class StarcorpMemberDto {
  userId: string;
  username: string;
  /** The profile's name, else the account's, else the username. */
  displayName: string;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;
  @ApiProperty({ type: StarcorpRankDto, nullable: true })
  rank: StarcorpRankDto | null;
  /**
   * The avatar to show: the uploaded avatar's download path, else the member's Discord avatar on
   * Discord's CDN, else Discord's default avatar when a Discord account is linked, else null.
   */
  @ApiProperty({ type: String, nullable: true })
  avatarUrl: string | null;
  /** Where `avatarUrl` comes from (null: no avatar). */
  @ApiProperty({ enum: AVATAR_SOURCES, enumName: 'StarcorpAvatarSource', nullable: true, type: String })
  avatarSource: AvatarSource | null;
  joinedAt: Date;
}

export class StarcorpMemberDetailDto extends StarcorpMemberDto {
  @ApiProperty({ type: String, nullable: true })
  bio: string | null;
  stats: StarcorpMemberStatsDto;
  /** The 20 latest service records, newest first (all of them: `members/{userId}/records`). */
  recentRecords: ServiceRecordDto[];
}
