import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { RequiredWithout } from '../../http/validation';
import { CursorPageQueryDto } from '../../http/page-query.dto';
import { GRANTS, IsGrantList, TIERS, type Grant, type Tier } from '../tiers';

export class AddMemberDto {
  /** The user to add; give this or `username`. */
  @RequiredWithout<AddMemberDto>('username')
  @IsUUID()
  userId?: string;

  @RequiredWithout<AddMemberDto>('userId')
  @IsString()
  @MaxLength(32)
  username?: string;

  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  @IsIn(TIERS)
  tier: Tier;

  @ApiProperty({ enum: GRANTS, enumName: 'Grant', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @IsGrantList()
  grants?: Grant[];
}

export class UpdateMemberDto {
  @ApiProperty({ enum: TIERS, enumName: 'Tier', required: false })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  /** Replaces the member's grants. */
  @ApiProperty({ enum: GRANTS, enumName: 'Grant', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @IsGrantList()
  grants?: Grant[];
}

export class ListMembersQueryDto extends CursorPageQueryDto {
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

export class MemberDto {
  userId: string;
  username: string;
  displayName: string | null;
  discordId: string | null;
  @ApiProperty({ enum: TIERS, enumName: 'Tier' })
  tier: Tier;
  @ApiProperty({ enum: GRANTS, enumName: 'Grant', isArray: true })
  grants: Grant[];
  joinedAt: Date;
}
