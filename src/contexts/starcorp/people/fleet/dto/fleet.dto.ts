import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { SHIP_SIZES, type ShipSize } from '../../catalog/ship-kinds';
import {
  ACQUIRED_VIA,
  type AcquiredVia,
  FLEET_STATUSES,
  type FleetStatus,
  INITIAL_FLEET_STATUSES,
} from '../fleet-rules';

export class CreateFleetShipDto {
  /** The catalog ship (model). */
  @IsUUID()
  shipId: string;

  /** The owner; the caller when omitted. Only officers register hulls for others. */
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;

  /** The owner's name for the hull. */
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  @IsSafeName()
  name?: string | null;

  /** YYYY-MM-DD. */
  @IsOptional()
  @IsNullable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'purchasedDate must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  purchasedDate?: string | null;

  @ApiProperty({ enum: ACQUIRED_VIA, enumName: 'StarcorpAcquiredVia' })
  @IsIn(ACQUIRED_VIA)
  acquiredVia: AcquiredVia;

  /** As the store words it: "LTI", "120 months". */
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(32)
  @IsSafeName()
  insurance?: string | null;

  /** `pledged` or `active` (default); loans and sales are moves of a listed hull. */
  @ApiProperty({ enum: INITIAL_FLEET_STATUSES, required: false, default: 'active' })
  @IsOptional()
  @IsIn(INITIAL_FLEET_STATUSES)
  status?: (typeof INITIAL_FLEET_STATUSES)[number];

  @IsOptional()
  @IsBoolean()
  availableForMissions?: boolean;

  @IsOptional()
  @IsNullable()
  @Type(() => Date)
  @IsDate()
  availableFrom?: Date | null;

  @IsOptional()
  @IsNullable()
  @Type(() => Date)
  @IsDate()
  availableUntil?: Date | null;

  /** Where the hull is parked ("Area18, ArcCorp"). */
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  @IsSafeName()
  currentLocation?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(4000)
  @IsSafeText()
  notes?: string | null;
}

export class UpdateFleetShipDto extends PartialType(
  OmitType(CreateFleetShipDto, ['shipId', 'ownerUserId', 'status'] as const),
) {}

export class ChangeFleetShipStatusDto {
  @ApiProperty({ enum: FLEET_STATUSES, enumName: 'StarcorpFleetStatus' })
  @IsIn(FLEET_STATUSES)
  status: FleetStatus;
}

export class ListFleetQueryDto extends CursorPageQueryDto {
  /** Only this owner's hulls. */
  @IsOptional()
  @IsUUID()
  owner?: string;

  /** Only hulls of this catalog ship. */
  @IsOptional()
  @IsUUID()
  ship?: string;

  @ApiProperty({ enum: SHIP_SIZES, enumName: 'StarcorpShipSize', required: false })
  @IsOptional()
  @IsIn(SHIP_SIZES)
  size?: ShipSize;

  @ApiProperty({ enum: FLEET_STATUSES, enumName: 'StarcorpFleetStatus', required: false })
  @IsOptional()
  @IsIn(FLEET_STATUSES)
  status?: FleetStatus;

  /** true: hulls available for missions now (flagged, active, inside their window); false: the others. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  available?: boolean;
}

export const FLEET_SUMMARY_GROUPS = ['ship', 'size', 'manufacturer', 'role'] as const;
export type FleetSummaryGroup = (typeof FLEET_SUMMARY_GROUPS)[number];

export class FleetSummaryQueryDto {
  /** What to count hulls by (default `ship`). */
  @ApiProperty({ enum: FLEET_SUMMARY_GROUPS, enumName: 'StarcorpFleetSummaryGroup', required: false, default: 'ship' })
  @IsOptional()
  @IsIn(FLEET_SUMMARY_GROUPS)
  by: FleetSummaryGroup = 'ship';
}

export class FleetShipModelDto {
  id: string;
  name: string;
  @ApiProperty({ enum: SHIP_SIZES, enumName: 'StarcorpShipSize' })
  size: ShipSize;
  manufacturerCode: string;
  @ApiProperty({ type: String, nullable: true })
  role: string | null;
}

export class FleetShipDto {
  id: string;
  ownerUserId: string;
  ship: FleetShipModelDto;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-11-20' })
  purchasedDate: string | null;
  @ApiProperty({ enum: ACQUIRED_VIA, enumName: 'StarcorpAcquiredVia' })
  acquiredVia: AcquiredVia;
  @ApiProperty({ type: String, nullable: true })
  insurance: string | null;
  @ApiProperty({ enum: FLEET_STATUSES, enumName: 'StarcorpFleetStatus' })
  status: FleetStatus;
  availableForMissions: boolean;
  @ApiProperty({ type: Date, nullable: true })
  availableFrom: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  availableUntil: Date | null;
  @ApiProperty({ type: String, nullable: true })
  currentLocation: string | null;
  @ApiProperty({ type: String, nullable: true })
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class FleetSummaryRowDto {
  /** The ship id, size, manufacturer code or role (`unknown` when a model has none). */
  key: string;
  /** What to show: the ship or maker name, else the key. */
  label: string;
  /** Hulls not sold. */
  hulls: number;
  /** Distinct owners of those hulls. */
  owners: number;
}

export class FleetSummaryDto {
  @ApiProperty({ enum: FLEET_SUMMARY_GROUPS, enumName: 'StarcorpFleetSummaryGroup' })
  by: FleetSummaryGroup;
  /** Most hulls first. */
  items: FleetSummaryRowDto[];
}

export class MemberShipCountDto {
  ship: FleetShipModelDto;
  /** Hulls of the model the member holds (not sold). */
  count: number;
}

export class MemberShipCountsDto {
  userId: string;
  items: MemberShipCountDto[];
}
