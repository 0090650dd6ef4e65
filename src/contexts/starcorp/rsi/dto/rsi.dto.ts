import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';

/** An RSI Spectrum ID: letters, digits, `_` and `-`, stored upper case. */
export const SID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;

const httpsUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * What an admin edits. `sid` says which RSI organization the sync mirrors; the other fields are
 * overwritten by the next sync (edit them on RSI for a lasting change).
 */
export class UpdateRsiProfileDto {
  /** The RSI Spectrum ID (stored upper case), e.g. FAROUTCORP. */
  @IsOptional()
  @IsString()
  @Matches(SID_PATTERN, { message: 'sid must be 1-16 letters, digits, _ or -' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  sid?: string;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsSafeName()
  name?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(64)
  @IsSafeName()
  archetype?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(64)
  @IsSafeName()
  commitment?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(64)
  @IsSafeName()
  primaryLanguage?: string | null;

  @IsOptional()
  @IsNullable()
  @IsBoolean()
  recruiting?: boolean | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  headline?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(20_000)
  @IsSafeText()
  description?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(20_000)
  @IsSafeText()
  history?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(20_000)
  @IsSafeText()
  manifesto?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(20_000)
  @IsSafeText()
  charter?: string | null;

  @IsOptional()
  @IsNullable()
  @IsUrl(httpsUrl)
  @MaxLength(500)
  logoUrl?: string | null;

  @IsOptional()
  @IsNullable()
  @IsUrl(httpsUrl)
  @MaxLength(500)
  bannerUrl?: string | null;
}

export class RsiProfileDto {
  @ApiProperty({ type: String, nullable: true })
  sid: string | null;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  @ApiProperty({ type: String, nullable: true })
  archetype: string | null;
  @ApiProperty({ type: String, nullable: true })
  commitment: string | null;
  @ApiProperty({ type: String, nullable: true })
  primaryLanguage: string | null;
  @ApiProperty({ type: Boolean, nullable: true })
  recruiting: boolean | null;
  /** Members the RSI page counts (hidden ones included). */
  @ApiProperty({ type: Number, nullable: true })
  memberCount: number | null;
  /** Plain text (RSI's HTML is not kept). */
  @ApiProperty({ type: String, nullable: true })
  headline: string | null;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  @ApiProperty({ type: String, nullable: true })
  history: string | null;
  @ApiProperty({ type: String, nullable: true })
  manifesto: string | null;
  @ApiProperty({ type: String, nullable: true })
  charter: string | null;
  @ApiProperty({ type: String, nullable: true })
  logoUrl: string | null;
  @ApiProperty({ type: String, nullable: true })
  bannerUrl: string | null;
  /** The organization object of the last sync, as the Star Citizen API sent it. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  apiData: Record<string, unknown> | null;
  @ApiProperty({ type: Date, nullable: true })
  lastSyncedAt: Date | null;
  updatedAt: Date;
}

/** What a sync did. */
export class RsiSyncResultDto {
  profile: RsiProfileDto;
  /** Handles the API listed. */
  listed: number;
  /** Handles seen for the first time. */
  added: number;
  /** Departed handles listed again. */
  returned: number;
  /** Handles no longer listed (now departed). */
  departed: number;
}

export const RSI_MEMBER_STATES = ['current', 'departed', 'all'] as const;
export type RsiMemberState = (typeof RSI_MEMBER_STATES)[number];

export class ListRsiMembersQueryDto extends CursorPageQueryDto {
  /** Listed now (default), departed, or both. */
  @ApiProperty({ enum: RSI_MEMBER_STATES, enumName: 'StarcorpRsiMemberState', required: false, default: 'current' })
  @IsOptional()
  @IsIn(RSI_MEMBER_STATES)
  state: RsiMemberState = 'current';

  /** Only handles linked to a member (true) or unlinked (false). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  linked?: boolean;

  /** Case-insensitive substring of the handle or display name. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  search?: string;
}

export class RsiMemberDto {
  handle: string;
  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;
  @ApiProperty({ type: String, nullable: true })
  rank: string | null;
  /** The org rank's stars, 0-5. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 5 })
  stars: number | null;
  @ApiProperty({ type: String, nullable: true })
  avatarUrl: string | null;
  /** The RSI bio as last fetched (by a claim). */
  @ApiProperty({ type: String, nullable: true })
  bio: string | null;
  /** The org member owning the handle. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId: string | null;
  lastSeenAt: Date;
  @ApiProperty({ type: Date, nullable: true })
  departedAt: Date | null;
}

export class LinkRsiMemberDto {
  /** The member owning the handle; null unlinks it. */
  @IsNullable()
  @IsUUID()
  userId: string | null;
}

export class RsiClaimCodeDto {
  /** Put this in your RSI bio, then claim your handle. */
  code: string;
  instructions: string;
}
