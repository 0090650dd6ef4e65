import { PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';

export class CreateRankDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(48)
  name: string;

  /** 0 is the highest rank. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  sortOrder?: number;

  /** Discord role snowflake mirrored by this rank. */
  @IsOptional()
  @IsNullable()
  @Matches(/^\d{15,20}$/, { message: 'discordRoleId must be a Discord snowflake' })
  discordRoleId?: string | null;
}

export class UpdateRankDto extends PartialType(CreateRankDto) {}

export class RankDto {
  id: string;
  name: string;
  sortOrder: number;
  discordRoleId: string | null;
}
