import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxDate,
  MaxLength,
  Min,
  MinDate,
  MinLength,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';
import {
  MISSION_STATUSES,
  MISSION_TYPES,
  type MissionStatus,
  type MissionType,
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
} from '../mission-rules';

/** Times the database stores: years 2000 to 2999 (a JS date far outside would be a 500 in SQL). */
const EARLIEST = new Date('2000-01-01T00:00:00Z');
const LATEST = new Date('2999-12-31T23:59:59Z');

export class CreateMissionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeName()
  title: string;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(8000)
  @IsSafeText()
  description?: string | null;

  @ApiProperty({ enum: MISSION_TYPES, enumName: 'StarcorpMissionType' })
  @IsIn(MISSION_TYPES)
  type: MissionType;

  /** Catalog ship ids; when given, every sign-up brings a hull of one of them. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  requiredShipIds?: string[];

  /** Null or omitted: no limit. */
  @IsOptional()
  @IsNullable()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxParticipants?: number | null;

  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  scheduledAt: Date;

  /** A squadron's mission: its commander runs it and only its members sign up. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  squadronId?: string | null;
}

export class UpdateMissionDto extends PartialType(CreateMissionDto) {}

export class ListMissionsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: MISSION_STATUSES, enumName: 'StarcorpMissionStatus', required: false })
  @IsOptional()
  @IsIn(MISSION_STATUSES)
  status?: MissionStatus;

  @ApiProperty({ enum: MISSION_TYPES, enumName: 'StarcorpMissionType', required: false })
  @IsOptional()
  @IsIn(MISSION_TYPES)
  type?: MissionType;

  /** Only this squadron's missions. */
  @IsOptional()
  @IsUUID()
  squadronId?: string;

  /** Scheduled at or after this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  from?: Date;

  /** Scheduled before this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  to?: Date;

  /**
   * true: the scheduled and running missions from now on, soonest first (otherwise the list is
   * latest scheduled first).
   */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  upcoming?: boolean;
}

export class SignUpForMissionDto {
  /** One of your own hulls, available for missions at the mission time; required when the mission requires ships. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  fleetShipId?: string | null;
}

export class UpdateMissionParticipantDto {
  @ApiProperty({ enum: PARTICIPANT_STATUSES, enumName: 'StarcorpMissionParticipantStatus' })
  @IsIn(PARTICIPANT_STATUSES)
  status: ParticipantStatus;
}

export class MissionParticipantDto {
  id: string;
  missionId: string;
  userId: string;
  @ApiProperty({ type: String, nullable: true })
  fleetShipId: string | null;
  @ApiProperty({ enum: PARTICIPANT_STATUSES, enumName: 'StarcorpMissionParticipantStatus' })
  status: ParticipantStatus;
  signedUpAt: Date;
  updatedAt: Date;
}

export class MissionDto {
  id: string;
  title: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  @ApiProperty({ enum: MISSION_TYPES, enumName: 'StarcorpMissionType' })
  type: MissionType;
  requiredShipIds: string[];
  @ApiProperty({ type: Number, nullable: true })
  maxParticipants: number | null;
  /** Seats taken now (signed up, confirmed, attended). */
  participantCount: number;
  scheduledAt: Date;
  @ApiProperty({ type: String, nullable: true })
  squadronId: string | null;
  @ApiProperty({ enum: MISSION_STATUSES, enumName: 'StarcorpMissionStatus' })
  status: MissionStatus;
  @ApiProperty({ type: String, nullable: true })
  createdByUserId: string | null;
  @ApiProperty({ type: Date, nullable: true })
  startedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class MissionDetailDto extends MissionDto {
  /** Everyone who signed up, declined ones included, in sign-up order. */
  participants: MissionParticipantDto[];
}
