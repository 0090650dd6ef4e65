import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { IsLocalDate } from '../../common/local-date';
import { IsFboTags } from '../../common/tags';
import { ICAO_AIRPORT } from '../../settings/dto/fbo-settings.dto';
import {
  FLIGHT_SERVICES,
  FLIGHT_SOURCES,
  FLIGHT_STATUSES,
  FlightService,
  FlightSource,
  FlightStatus,
} from '../flight-rules';

const UpperCase = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
const IsIcaoAirport = () =>
  Matches(ICAO_AIRPORT, { message: '$property must be an ICAO code (four upper-case letters or digits)' });

export class CreateFlightDto {
  /** The aircraft (an id of the org's aircraft). */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  aircraftId?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'SKW3421' })
  @IsOptional()
  @IsNullable()
  @UpperCase()
  @IsString()
  @Matches(/^[A-Z0-9]{2,16}$/, { message: '$property must be 2-16 letters or digits' })
  callSign?: string | null;

  /** Planned arrival; omit for a flight that only departs. */
  @ApiProperty({ required: false, nullable: true, example: '2026-07-04T15:00:00.000Z' })
  @IsOptional()
  @IsNullable()
  @Type(() => Date)
  @IsDate()
  arrivalAt?: Date | null;

  /** Planned departure; omit for a flight that only arrives (so far). */
  @ApiProperty({ required: false, nullable: true, example: '2026-07-04T17:30:00.000Z' })
  @IsOptional()
  @IsNullable()
  @Type(() => Date)
  @IsDate()
  departureAt?: Date | null;

  @ApiProperty({ required: false, nullable: true, example: 'KSLC' })
  @IsOptional()
  @IsNullable()
  @UpperCase()
  @IsIcaoAirport()
  origin?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'KBZN' })
  @IsOptional()
  @IsNullable()
  @UpperCase()
  @IsIcaoAirport()
  destination?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  @IsSafeName()
  contactName?: string | null;

  @ApiProperty({ enum: FLIGHT_SERVICES, enumName: 'FboFlightService', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FLIGHT_SERVICES.length)
  @IsIn(FLIGHT_SERVICES, { each: true })
  services?: FlightService[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  fuelOrderNotes?: string;

  @IsOptional()
  @IsNullable()
  @IsInt()
  @Min(0)
  @Max(1000)
  passengerCount?: number | null;

  /** An active parking location of the org. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  parkingLocationId?: string | null;

  @ApiProperty({ enum: FLIGHT_SOURCES, enumName: 'FboFlightSource', required: false, default: 'front_desk' })
  @IsOptional()
  @IsIn(FLIGHT_SOURCES)
  source?: FlightSource;

  /** Tags from the org's list (settings). */
  @IsOptional()
  @IsFboTags()
  tags?: string[];
}

export class UpdateFlightDto extends PartialType(OmitType(CreateFlightDto, ['source'] as const)) {}

export const FLIGHT_TARGETS = ['scheduled', 'delayed', 'arrived', 'departed', 'cancelled'] as const;

export class TransitionFlightDto {
  /** The state to move to. */
  @ApiProperty({ enum: FLIGHT_TARGETS, enumName: 'FboFlightTarget' })
  @IsIn(FLIGHT_TARGETS)
  to: Exclude<FlightStatus, 'planned'>;

  /** When it happened (arrived/departed: the actual time); defaults to now. */
  @ApiProperty({ required: false, example: '2026-07-04T15:04:00.000Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  at?: Date;
}

export class ListFlightsQueryDto extends CursorPageQueryDto {
  /** Flights arriving or departing on the org's local day today (settings' time zone). */
  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  today?: boolean;

  /** Flights arriving or departing on this local date (YYYY-MM-DD, settings' time zone). */
  @IsOptional()
  @IsLocalDate({ required: false, example: '2026-07-04' })
  date?: string;

  /** Flights arriving or departing at or after this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Flights arriving or departing before this time. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiProperty({ enum: FLIGHT_STATUSES, enumName: 'FboFlightStatus', required: false })
  @IsOptional()
  @IsIn(FLIGHT_STATUSES)
  status?: FlightStatus;

  @IsOptional()
  @IsUUID()
  aircraftId?: string;

  /** Parking location id. */
  @IsOptional()
  @IsUUID()
  locationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  tag?: string;

  /** Part of the call sign or destination. */
  @IsOptional()
  @IsString()
  @MaxLength(16)
  search?: string;
}

export class FlightDto {
  id: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  aircraftId: string | null;
  @ApiProperty({ type: String, nullable: true })
  tailNumber: string | null;
  @ApiProperty({ type: String, nullable: true })
  callSign: string | null;
  @ApiProperty({ type: Date, nullable: true })
  arrivalAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  departureAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  actualArrivalAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  actualDepartureAt: Date | null;
  @ApiProperty({ type: String, nullable: true })
  origin: string | null;
  @ApiProperty({ type: String, nullable: true })
  destination: string | null;
  @ApiProperty({ type: String, nullable: true })
  contactName: string | null;
  @ApiProperty({ enum: FLIGHT_SERVICES, enumName: 'FboFlightService', isArray: true })
  services: FlightService[];
  fuelOrderNotes: string;
  @ApiProperty({ type: Number, nullable: true })
  passengerCount: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  parkingLocationId: string | null;
  @ApiProperty({ type: String, nullable: true })
  parkingLocationCode: string | null;
  @ApiProperty({ enum: FLIGHT_SOURCES, enumName: 'FboFlightSource' })
  source: FlightSource;
  tags: string[];
  @ApiProperty({ enum: FLIGHT_STATUSES, enumName: 'FboFlightStatus' })
  status: FlightStatus;
  /** Minutes between arrival and departure (actual times where known); null unless both. */
  @ApiProperty({ type: Number, nullable: true })
  groundTimeMinutes: number | null;
  createdAt: Date;
  updatedAt: Date;
}
