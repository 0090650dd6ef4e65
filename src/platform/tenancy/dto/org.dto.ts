import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CursorPageQueryDto } from '../../http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../http/safe-text';
import { IsNullable } from '../../http/validation';
import { GRANTS, TIERS, type Grant, type Tier } from '../tiers';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export class CreateOrgDto {
  /** URL name: 3-48 lower-case letters, digits and inner dashes. */
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must be 3-48 lower-case letters, digits or inner dashes' })
  slug: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @IsSafeName()
  name: string;

  /** Business contexts to enable, e.g. `["dkp"]`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  contexts?: string[];
}

export class UpdateOrgDto {
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @IsSafeName()
  name?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  contexts?: string[];

  /** Switches the org's public site on: its public routes then answer anyone, without a login. */
  @IsOptional()
  @IsBoolean()
  publicSite?: boolean;

  /** Shown on the public profile; null removes it. */
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(1000)
  @IsSafeText()
  publicDescription?: string | null;
}

export class OrgDto {
  id: string;
  slug: string;
  name: string;
  /** Enabled business contexts. */
  contexts: string[];
  /** Whether the org's public routes answer without a login (otherwise they answer 404). */
  publicSite: boolean;
  /** Shown on the public profile. */
  publicDescription: string | null;
  createdAt: Date;
}

/** What anyone may read about an org whose public site is on. */
export class PublicOrgDto {
  slug: string;
  name: string;
  /** Enabled business contexts. */
  contexts: string[];
  description: string | null;
}

/** An org as one of its members sees it in their list. */
export class MyOrgDto extends OrgDto {
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;

  @ApiProperty({ enum: GRANTS, enumName: 'Grant', isArray: true })
  grants: Grant[];
}

export class ListAllOrgsQueryDto extends CursorPageQueryDto {
  /** Case-insensitive substring of the slug or name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
