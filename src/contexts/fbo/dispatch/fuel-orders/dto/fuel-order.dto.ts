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
  Matches,
  MaxLength,
} from 'class-validator';
import { IsDecimalString } from '../../../../../platform/domain/decimal';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { FUEL_TYPES, type FuelType } from '../../../fuel/tanks/tank.entity';
import {
  CHARGE_FLAGS,
  ChargeFlag,
  FUEL_ORDER_PRIORITIES,
  FUEL_ORDER_STATUSES,
  FuelOrderPriority,
  FuelOrderStatus,
} from '../fuel-order-rules';

const IsOrderGallons = (description?: string) =>
  IsDecimalString({ scale: 2, integerDigits: 10, example: '250.00', description });

export class CreateFuelOrderDto {
  /** The ticket number; the org's next `FT-000123` when not given. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'ticketNumber must be upper-case letters, digits and dashes' })
  ticketNumber?: string;

  /** The flight fuelled (its aircraft is the one fuelled unless `aircraftId` says otherwise). */
  @IsOptional()
  @IsUUID()
  flightId?: string;

  /** The aircraft fuelled (an id of the org's aircraft). */
  @IsOptional()
  @IsUUID()
  aircraftId?: string;

  /** The tail, for an aircraft the org has not recorded (ignored when the aircraft is known). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,10}$/, { message: 'tailNumber must be 1-10 letters, digits or dashes' })
  tailNumber?: string;

  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  @IsIn(FUEL_TYPES)
  fuelType: FuelType;

  /** Gallons asked for; give this or `topOff`. */
  @IsOptional()
  @IsOrderGallons('Gallons asked for; give this or topOff: true')
  requestedGallons?: string;

  /** Fill the tanks ("top off") instead of a quantity. */
  @IsOptional()
  @IsBoolean()
  topOff?: boolean;

  /** The fuel truck to use (an id of the org's fuel trucks). */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  truckId?: string | null;

  @ApiProperty({ enum: FUEL_ORDER_PRIORITIES, enumName: 'FboFuelOrderPriority', required: false })
  @IsOptional()
  @IsIn(FUEL_ORDER_PRIORITIES)
  priority?: FuelOrderPriority;

  /** The front desk's instructions to the line. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  csrNotes?: string;

  @ApiProperty({ enum: CHARGE_FLAGS, enumName: 'FboFuelChargeFlag', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHARGE_FLAGS.length)
  @IsIn(CHARGE_FLAGS, { each: true })
  chargeFlags?: ChargeFlag[];
}

/** What the front desk may change before fuel flows (send the order's ETag in `If-Match`). */
export class UpdateFuelOrderDto extends PartialType(
  OmitType(CreateFuelOrderDto, ['ticketNumber', 'flightId', 'aircraftId', 'tailNumber'] as const),
) {}

export class AssignFuelerDto {
  /** An id of the org's fuelers. */
  @IsUUID()
  fuelerId: string;
}

export class StartFuelingDto {
  /** The truck's meter before pumping. */
  @IsOptional()
  @IsOrderGallons('The truck meter before pumping')
  meterStart?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  lineNotes?: string;
}

export class CompleteFuelOrderDto extends StartFuelingDto {
  /** The truck's meter after pumping (not below meterStart). */
  @IsOptional()
  @IsOrderGallons('The truck meter after pumping')
  meterEnd?: string;

  @ApiProperty({ enum: CHARGE_FLAGS, enumName: 'FboFuelChargeFlag', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHARGE_FLAGS.length)
  @IsIn(CHARGE_FLAGS, { each: true })
  chargeFlags?: ChargeFlag[];
}

export class ListFuelOrdersQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: FUEL_ORDER_STATUSES, enumName: 'FboFuelOrderStatus', required: false })
  @IsOptional()
  @IsIn(FUEL_ORDER_STATUSES)
  status?: FuelOrderStatus;

  /** Only orders without a fueler (true), or only with one (false). */
  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unassigned?: boolean;

  /** Orders this fueler is assigned to. */
  @IsOptional()
  @IsUUID()
  fuelerId?: string;

  @IsOptional()
  @IsUUID()
  flightId?: string;

  /** Orders created at or after this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Orders created before this instant. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  /** Part of the ticket number or tail number. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  search?: string;
}

/** The caller's orders: the same filters, without `fuelerId`. */
export class ListMyFuelOrdersQueryDto extends OmitType(ListFuelOrdersQueryDto, ['fuelerId'] as const) {}

export class FuelerAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  fuelerId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  /** Out with this order (en route or fueling). */
  busy: boolean;
  assignedAt: Date;
}

export class FuelOrderDto {
  id: string;
  ticketNumber: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  flightId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  aircraftId: string | null;
  tailNumber: string;
  @ApiProperty({ type: String, nullable: true })
  aircraftType: string | null;
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  fuelType: FuelType;
  @ApiProperty({ type: String, nullable: true, example: '250.00' })
  requestedGallons: string | null;
  topOff: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  truckId: string | null;
  @ApiProperty({ enum: FUEL_ORDER_PRIORITIES, enumName: 'FboFuelOrderPriority' })
  priority: FuelOrderPriority;
  csrNotes: string;
  lineNotes: string;
  @ApiProperty({ type: String, nullable: true, example: '10250.00' })
  meterStart: string | null;
  @ApiProperty({ type: String, nullable: true, example: '10500.00' })
  meterEnd: string | null;
  /** meterEnd − meterStart, computed on completion. */
  @ApiProperty({ type: String, nullable: true, example: '250.00' })
  gallons: string | null;
  /** lb/gal from the settings when the order completed. */
  @ApiProperty({ type: String, nullable: true, example: '6.700' })
  density: string | null;
  /** gallons × density. */
  @ApiProperty({ type: String, nullable: true, example: '1675.00' })
  pounds: string | null;
  @ApiProperty({ enum: CHARGE_FLAGS, enumName: 'FboFuelChargeFlag', isArray: true })
  chargeFlags: ChargeFlag[];
  @ApiProperty({ enum: FUEL_ORDER_STATUSES, enumName: 'FboFuelOrderStatus' })
  status: FuelOrderStatus;
  /** Edits made after the first acknowledgement. */
  changeVersion: number;
  /** The changeVersion the fueler acknowledged last (null: not yet). */
  @ApiProperty({ type: Number, nullable: true })
  acknowledgedVersion: number | null;
  /** Goes up on every change; the ETag is its quoted value. */
  revision: number;
  @ApiProperty({ type: [FuelerAssignmentDto] })
  fuelers: FuelerAssignmentDto[];
  @ApiProperty({ type: Date, nullable: true })
  dispatchedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  acknowledgedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  enRouteAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  fuelingAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  completedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  reviewedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
