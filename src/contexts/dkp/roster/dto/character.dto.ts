import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { OffsetPageQueryDto } from '../../../../platform/http/page-query.dto';
import { CHARACTER_STATUSES, type CharacterStatus } from '../character.entity';
import { IsCharacterName } from '../../common/character-name';

/** EverQuest names: one word of letters. */
export const CHARACTER_NAME = /^[A-Za-z]{2,32}$/;

export class CreateCharacterDto {
  @IsCharacterName({ message: 'name must be 2-32 letters' })
  name: string;

  /** e.g. `Shadow Knight`. */
  @ApiProperty({ example: 'Shadow Knight' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  characterClass: string;

  @ApiProperty({ example: 60, required: false })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(255)
  level?: number;

  @IsOptional()
  @IsNullable()
  @IsUUID()
  rankId?: string | null;

  @ApiProperty({ enum: CHARACTER_STATUSES, enumName: 'CharacterStatus', required: false })
  @IsOptional()
  @IsIn(CHARACTER_STATUSES)
  status?: CharacterStatus;

  /** Owner; must be a member of the org. */
  @IsUUID()
  userId: string;

  /** Makes this an alt of that main character (same owner). */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  mainCharacterId?: string | null;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  joinedAt?: Date;
}

/** Ownership changes go through `reassign`, so they are recorded. */
export class UpdateCharacterDto extends PartialType(OmitType(CreateCharacterDto, ['userId', 'joinedAt'] as const)) {}

export const CHARACTER_ORDER_FIELDS = ['name', 'level', 'characterClass', 'joinedAt'] as const;

export class ListCharactersQueryDto extends OffsetPageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  characterClass?: string;

  @IsOptional()
  @IsUUID()
  rankId?: string;

  @ApiProperty({ enum: CHARACTER_STATUSES, enumName: 'CharacterStatus', required: false })
  @IsOptional()
  @IsIn(CHARACTER_STATUSES)
  status?: CharacterStatus;

  @IsOptional()
  @IsUUID()
  userId?: string;

  /** Case-insensitive substring of the name. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  search?: string;

  @ApiProperty({ enum: CHARACTER_ORDER_FIELDS, enumName: 'CharacterOrderField', required: false, default: 'name' })
  @IsOptional()
  @IsIn(CHARACTER_ORDER_FIELDS)
  orderBy?: (typeof CHARACTER_ORDER_FIELDS)[number];

  @ApiProperty({ enum: ['asc', 'desc'], enumName: 'SortDirection', required: false, default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class ReassignCharacterDto {
  /** The new owner; must be a member of the org. */
  @IsUUID()
  userId: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class CharacterDto {
  id: string;
  name: string;
  characterClass: string;
  level: number;
  rankId: string | null;
  @ApiProperty({ enum: CHARACTER_STATUSES, enumName: 'CharacterStatus' })
  status: CharacterStatus;
  userId: string;
  mainCharacterId: string | null;
  joinedAt: Date;
  createdAt: Date;
}

export class OwnershipPeriodDto {
  userId: string;
  username: string;
  ownedFrom: Date;
  /** Null while current. */
  ownedUntil: Date | null;
  reason: string | null;
  actorUserId: string | null;
}
