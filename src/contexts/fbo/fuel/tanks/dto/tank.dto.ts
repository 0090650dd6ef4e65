import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName } from '../../../../../platform/http/safe-text';
import { IsGallons, IsInches } from '../../common/fuel-units';
import { FUEL_TYPES, type FuelType } from '../tank.entity';
import { TANK_STATUSES, type TankStatus } from '../tank-rules';

/** One point of a strapping chart. */
export class CalibrationPointDto {
  @IsInches()
  inches: string;

  @IsGallons()
  gallons: string;
}

export class CreateFuelTankDto {
  /** The farm's number for the tank: letters, digits and dashes. */
  @ApiProperty({ example: 'JA-1' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: 'tankId must be 1-32 letters, digits or dashes' })
  tankId: string;

  @ApiProperty({ example: 'Jet A tank 1' })
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  @IsIn(FUEL_TYPES)
  fuelType: FuelType;

  @IsGallons()
  capacityGallons: string;

  /** Lowest level the tank is read at. */
  @IsInches()
  minLevelInches: string;

  /** Highest (safe fill) level. */
  @IsInches()
  maxLevelInches: string;

  /** Below this level the pump would draw sediment and water: fuel under it is not usable. */
  @IsInches()
  usableMinInches: string;

  /** Top of the usable band. */
  @IsInches()
  usableMaxInches: string;

  /** Strapping chart: strictly increasing in inches and in gallons, covering min..max level. */
  @ApiProperty({ type: [CalibrationPointDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CalibrationPointDto)
  calibrationTable: CalibrationPointDto[];

  /** At or below it the tank is `low`. */
  @IsGallons()
  lowLevelGallons: string;

  /** At or below it the tank is `critical`. */
  @IsGallons()
  criticalLevelGallons: string;
}

export class UpdateFuelTankDto extends PartialType(OmitType(CreateFuelTankDto, [] as const)) {}

export class ListFuelTanksQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType', required: false })
  @IsOptional()
  @IsIn(FUEL_TYPES)
  fuelType?: FuelType;

  /** Status at the latest reading. */
  @ApiProperty({ enum: TANK_STATUSES, enumName: 'FboTankStatus', required: false })
  @IsOptional()
  @IsIn(TANK_STATUSES)
  status?: TankStatus;

  /** true: only tanks not inspected in the last 3 months (14 CFR 139.321(d)). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  inspectionDue?: boolean;
}

export class TankLatestReadingDto {
  levelInches: string;
  gallons: string;
  waterDetected: boolean;
  recordedAt: Date;
}

export class FuelTankDto {
  id: string;
  tankId: string;
  name: string;
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType' })
  fuelType: FuelType;
  capacityGallons: string;
  minLevelInches: string;
  maxLevelInches: string;
  usableMinInches: string;
  usableMaxInches: string;
  calibrationTable: CalibrationPointDto[];
  lowLevelGallons: string;
  criticalLevelGallons: string;
  @ApiProperty({ type: TankLatestReadingDto, nullable: true })
  latestReading: TankLatestReadingDto | null;
  /** Gallons that can be drawn at the latest reading; null before the first reading. */
  @ApiProperty({ type: String, nullable: true })
  usableGallons: string | null;
  /** Status at the latest reading; null before the first reading. */
  @ApiProperty({ enum: TANK_STATUSES, enumName: 'FboTankStatus', nullable: true, type: String })
  status: TankStatus | null;
  @ApiProperty({ type: Date, nullable: true })
  lastInspectedAt: Date | null;
  /** Not inspected in the last 3 months. */
  inspectionDue: boolean;
}
