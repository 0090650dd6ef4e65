import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsGallons, IsInches } from '../../common/fuel-units';
import { FUEL_TYPES, type FuelType } from '../../tanks/tank.entity';
import { MOVEMENT_KINDS, type MovementKind } from '../fuel-movement.entity';
import { HOLDER_KINDS, type HolderKind } from '../fuel-stock.entity';

/** What every movement may carry besides its quantity. */
abstract class MovementNotesDto {
  /** A bill of lading, a tail number, a ticket: the outside reference. */
  @IsOptional()
  @IsSafeName()
  @MaxLength(100)
  reference?: string;

  @IsOptional()
  @IsSafeText()
  @MaxLength(2000)
  note?: string;

  /** When it happened; now when omitted. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  occurredAt?: Date;
}

export class ReceiveFuelDto extends MovementNotesDto {
  @IsUUID()
  tankId: string;

  @IsGallons('Gallons delivered into the tank')
  gallons: string;
}

export class TransferFuelDto extends MovementNotesDto {
  @IsUUID()
  fromTankId: string;

  /** A fuel truck: an equipment unit of type `fuel_truck`. */
  @IsUUID()
  toTruckId: string;

  @IsGallons()
  gallons: string;
}

export class DefuelDto extends MovementNotesDto {
  /** The fuel truck the fuel taken off the aircraft goes into. */
  @IsUUID()
  truckId: string;

  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  @IsIn(FUEL_TYPES)
  fuelType: FuelType;

  @IsGallons()
  gallons: string;
}

/** A stick reading against the book: tanks give `levelInches` (read with the calibration table), trucks `measuredGallons`. */
export class AdjustFuelStockDto extends MovementNotesDto {
  /** A tank's or a fuel truck's id. */
  @IsUUID()
  holderId: string;

  @IsOptional()
  @IsInches()
  levelInches?: string;

  @IsOptional()
  @IsGallons()
  measuredGallons?: string;
}

export class ListFuelMovementsQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  holderId?: string;

  @ApiProperty({ enum: MOVEMENT_KINDS, enumName: 'FboFuelMovementKind', required: false })
  @IsOptional()
  @IsIn(MOVEMENT_KINDS)
  kind?: MovementKind;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class ListFuelStockQueryDto {
  @ApiProperty({ enum: HOLDER_KINDS, enumName: 'FboFuelHolderKind', required: false })
  @IsOptional()
  @IsIn(HOLDER_KINDS)
  holderKind?: HolderKind;
}

export class FuelVarianceQueryDto {
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Type(() => Date)
  @IsDate()
  to: Date;
}

export class FuelMovementDto {
  id: string;
  @ApiProperty({ enum: MOVEMENT_KINDS, enumName: 'FboFuelMovementKind' })
  kind: MovementKind;
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  fuelType: FuelType;
  @ApiProperty({ type: String, nullable: true })
  fromHolderId: string | null;
  @ApiProperty({ type: String, nullable: true })
  toHolderId: string | null;
  gallons: string;
  /** Adjustments: the book stock before the reading. */
  @ApiProperty({ type: String, nullable: true })
  bookGallons: string | null;
  /** Adjustments: what the reading measured. */
  @ApiProperty({ type: String, nullable: true })
  measuredGallons: string | null;
  /** Adjustments: measured − book (signed). */
  @ApiProperty({ type: String, nullable: true })
  varianceGallons: string | null;
  @ApiProperty({ type: String, nullable: true })
  reference: string | null;
  note: string;
  occurredAt: Date;
  @ApiProperty({ type: String, nullable: true })
  recordedById: string | null;
}

export class FuelStockDto {
  @ApiProperty({ enum: HOLDER_KINDS, enumName: 'FboFuelHolderKind' })
  holderKind: HolderKind;
  holderId: string;
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  fuelType: FuelType;
  gallons: string;
  updatedAt: Date;
}

export class HolderVarianceDto {
  holderId: string;
  @ApiProperty({ enum: HOLDER_KINDS, enumName: 'FboFuelHolderKind' })
  holderKind: HolderKind;
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  fuelType: FuelType;
  adjustments: number;
  gainGallons: string;
  lossGallons: string;
  /** Gains − losses. */
  varianceGallons: string;
}

export class FuelVarianceDto {
  from: Date;
  to: Date;
  @ApiProperty({ type: [HolderVarianceDto] })
  holders: HolderVarianceDto[];
}

/** What a stick reading found: the book, the measurement, their difference, and the movement booked (none when equal). */
export class FuelAdjustmentDto {
  holderId: string;
  bookGallons: string;
  measuredGallons: string;
  /** measured − book (signed). */
  varianceGallons: string;
  @ApiProperty({ type: FuelMovementDto, nullable: true })
  movement: FuelMovementDto | null;
}
