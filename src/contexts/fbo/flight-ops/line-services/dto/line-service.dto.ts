import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { IsLocalDate } from '../../common/local-date';
import { LINE_SERVICE_STATUSES, LINE_SERVICE_TYPES, LineServiceStatus, LineServiceType } from '../line-service-rules';

export class CreateLineServiceDto {
  /** The flight served (an id of the org's flights). */
  @IsUUID()
  flightId: string;

  @ApiProperty({ enum: LINE_SERVICE_TYPES, enumName: 'FboLineServiceType' })
  @IsIn(LINE_SERVICE_TYPES)
  serviceType: LineServiceType;

  @ApiProperty({ example: '2026-07-04T15:10:00.000Z' })
  @Type(() => Date)
  @IsDate()
  scheduledAt: Date;

  /** Members assigned; they start and complete it. */
  @ApiProperty({ type: [String], format: 'uuid', required: false, maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  personnelUserIds?: string[];

  /** The unit to use (an id of the org's equipment); put in use at start. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  equipmentId?: string | null;

  /** An active parking location; defaults to the flight's. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  parkingLocationId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  notes?: string;
}

/** The flight stays; a service can be changed until it starts. */
export class UpdateLineServiceDto extends PartialType(OmitType(CreateLineServiceDto, ['flightId'] as const)) {}

export class ListLineServicesQueryDto extends CursorPageQueryDto {
  /** Services scheduled on the org's local day today (settings' time zone). */
  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  today?: boolean;

  /** Services scheduled on this local date (settings' time zone). */
  @IsOptional()
  @IsLocalDate({ required: false, example: '2026-07-04' })
  date?: string;

  @ApiProperty({ enum: LINE_SERVICE_STATUSES, enumName: 'FboLineServiceStatus', required: false })
  @IsOptional()
  @IsIn(LINE_SERVICE_STATUSES)
  status?: LineServiceStatus;

  @ApiProperty({ enum: LINE_SERVICE_TYPES, enumName: 'FboLineServiceType', required: false })
  @IsOptional()
  @IsIn(LINE_SERVICE_TYPES)
  serviceType?: LineServiceType;

  /** Parking location id. */
  @IsOptional()
  @IsUUID()
  locationId?: string;

  @IsOptional()
  @IsUUID()
  flightId?: string;
}

export class LineServiceDto {
  id: string;
  @ApiProperty({ format: 'uuid' })
  flightId: string;
  @ApiProperty({ enum: LINE_SERVICE_TYPES, enumName: 'FboLineServiceType' })
  serviceType: LineServiceType;
  scheduledAt: Date;
  @ApiProperty({ type: Date, nullable: true })
  actualStart: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  actualEnd: Date | null;
  @ApiProperty({ type: [String], format: 'uuid' })
  personnelUserIds: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  equipmentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parkingLocationId: string | null;
  @ApiProperty({ enum: LINE_SERVICE_STATUSES, enumName: 'FboLineServiceStatus' })
  status: LineServiceStatus;
  notes: string;
  createdAt: Date;
  updatedAt: Date;
}
