import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsSafeName } from '../../http/safe-text';
import { RATE_LIMIT_TIERS, type RateLimitTier } from '../api-keys/api-key.entity';

const SCOPE_PATTERN = /^[a-z]+:[a-z-]+$/;

export class CreatePersonalApiKeyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsSafeName()
  name: string;

  /** Limit the key to these scopes; omit or empty to act with all of your own powers. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SCOPE_PATTERN, { each: true })
  scopes?: string[];

  /** When the key stops working; omit for no expiry. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class CreateBotKeyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsSafeName()
  name: string;

  /** What the bot may do, e.g. `dkp:bidding`. At least one. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(SCOPE_PATTERN, { each: true })
  scopes: string[];

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;

  @ApiProperty({ enum: RATE_LIMIT_TIERS, enumName: 'RateLimitTier', required: false, default: 'standard' })
  @IsOptional()
  @IsIn(RATE_LIMIT_TIERS)
  rateLimitTier?: RateLimitTier;
}

export class ApiKeyDto {
  id: string;
  @ApiProperty({ enum: ['personal', 'bot'], enumName: 'ApiKeyKind' })
  kind: 'personal' | 'bot';
  name: string;
  /** Public part of the key, shown in lists so the owner can tell keys apart. */
  prefix: string;
  scopes: string[];
  @ApiProperty({ enum: RATE_LIMIT_TIERS, enumName: 'RateLimitTier' })
  rateLimitTier: RateLimitTier;
  /** Bot keys: the org they act for. */
  orgId: string | null;
  /**
   * Who created the key: for a personal key its user; for a bot key the admin who made it. A bot
   * key is the org's credential: it keeps working when its creator leaves the org or loses the
   * admin tier (revoke it then if it should not); it stops if their account is disabled or deleted.
   */
  createdByUserId: string;
  /** The creator's username (null if the account is gone). */
  createdByUsername: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** Returned once, at creation or rotation: `key` is never shown again. */
export class CreatedApiKeyDto extends ApiKeyDto {
  /** The secret. Send as `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
  key: string;
}
