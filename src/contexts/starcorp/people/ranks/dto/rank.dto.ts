import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsNullable } from '../../../../../platform/http/validation';
import { IsSafeName } from '../../../../../platform/http/safe-text';

export class CreateStarcorpRankDto {
  @IsString()
  @MinLength(1)
  @MaxLength(48)
  @IsSafeName()
  name: string;

  /** Seniority: 1 is the lowest; ranks are listed by level. */
  @IsInt()
  @Min(1)
  @Max(1000)
  level: number;

  /** The badge image (https URL). */
  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  imageUrl?: string | null;
}

export class UpdateStarcorpRankDto extends PartialType(CreateStarcorpRankDto) {}

export class StarcorpRankDto {
  id: string;
  name: string;
  level: number;
  imageUrl: string | null;
}
