import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsDecimalString } from '../../../../../platform/domain/decimal';
import { IsFboTags } from '../../common/tags';

/** An ICAO airport code: four letters or digits ("KMSO", "K1S5"). */
export const ICAO_AIRPORT = /^[A-Z0-9]{4}$/;

/** Fuel densities, pounds per US gallon. */
export const IsDensity = () =>
  IsDecimalString({ scale: 3, integerDigits: 2, example: '6.700', description: 'Pounds per US gallon' });

export class FuelDensitiesDto {
  @IsDensity()
  jet_a: string;

  @IsDensity()
  avgas_100ll: string;
}

export class UpdateFuelDensitiesDto {
  @IsOptional()
  @IsDensity()
  jet_a?: string;

  @IsOptional()
  @IsDensity()
  avgas_100ll?: string;
}

export class UpdateFboSettingsDto {
  /** ICAO codes of the airports served (upper case). */
  @ApiProperty({ type: [String], required: false, example: ['KMSO'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(ICAO_AIRPORT, { each: true, message: '$property must hold ICAO codes (four upper-case letters or digits)' })
  airports?: string[];

  /** IANA time zone, e.g. America/Denver: "today" on boards is the local day there. */
  @ApiProperty({ required: false, example: 'America/Denver' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateFuelDensitiesDto)
  fuelDensities?: UpdateFuelDensitiesDto;

  /** The tags flights and equipment may carry (replaces the list). */
  @IsOptional()
  @IsFboTags()
  tags?: string[];
}

export class FboSettingsDto {
  airports: string[];
  timeZone: string;
  fuelDensities: FuelDensitiesDto;
  tags: string[];
  updatedAt: Date;
}
