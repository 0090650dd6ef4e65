import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { IsPoints } from '../../common/points';

export class CreateRaidDto {
  @IsUUID()
  eventId: string;

  /** Defaults to the event's pool. */
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiProperty({ example: '2026-03-14T20:00:00.000Z' })
  @Type(() => Date)
  @IsDate()
  startsAt: Date;

  @IsOptional()
  @IsNullable()
  @IsUUID()
  leaderUserId?: string | null;

  @ApiProperty({ example: 'Tormax, second pull; Vulak next week', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  /**
   * Points for full attendance. Omitted: the event's default points. `null`: no value yet; the
   * raid then pays the Points column of the first RaidTick file imported, which becomes its value.
   */
  @IsOptional()
  @IsNullable()
  @IsPoints()
  value?: string | null;
}

/** The event and pool stay; changing `value` does not re-price attendance already recorded. */
export class UpdateRaidDto extends PartialType(OmitType(CreateRaidDto, ['eventId', 'poolId'] as const)) {}

export class ListRaidsQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @IsOptional()
  @IsUUID()
  eventId?: string;

  /** Raids starting at or after this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Raids starting before this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class RaidDto {
  id: string;
  eventId: string;
  eventName: string;
  poolId: string;
  // Text from the SQL (ISO_TIMESTAMP), as is createdAt: the raid list is a hot read.
  @ApiProperty({ type: String, format: 'date-time' })
  startsAt: string;
  leaderUserId: string | null;
  notes: string;
  /** Null until set: the first RaidTick import with a Points column sets it. */
  @ApiProperty({ type: String, nullable: true, example: '10.00' })
  value: string | null;
  /** Users credited for this raid. */
  attendeeCount: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}
