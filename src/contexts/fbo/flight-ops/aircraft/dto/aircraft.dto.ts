import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';

/** Registrations and ICAO codes are compared upper case, however they were typed. */
const UpperCase = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export class CreateAircraftDto {
  /** Registration, upper-cased ("n123ab" is stored as "N123AB"); unique in the org. */
  @ApiProperty({ example: 'N123AB', pattern: '^[A-Z0-9-]{2,10}$' })
  @UpperCase()
  @IsString()
  @Matches(/^[A-Z0-9-]{2,10}$/, { message: '$property must be 2-10 letters, digits or dashes' })
  tailNumber: string;

  /** ICAO type designator ("B738"). */
  @ApiProperty({ required: false, nullable: true, example: 'C56X' })
  @IsOptional()
  @IsNullable()
  @UpperCase()
  @IsString()
  @Matches(/^[A-Z0-9]{2,4}$/, { message: '$property must be an ICAO type designator' })
  typeIcao?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'Citation Excel' })
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(64)
  @IsSafeName()
  typeDisplay?: string | null;

  /** ICAO airline designator ("SKW"). */
  @ApiProperty({ required: false, nullable: true, example: 'SKW' })
  @IsOptional()
  @IsNullable()
  @UpperCase()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ICAO airline designator (three letters)' })
  airlineIcao?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(32)
  @IsSafeName()
  fleetId?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'Big Sky Charter' })
  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  @IsSafeName()
  operator?: string | null;
}

export class UpdateAircraftDto extends PartialType(CreateAircraftDto) {}

export class ListAircraftQueryDto extends CursorPageQueryDto {
  /** Part of the tail number. */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  search?: string;
}

export class AircraftDto {
  id: string;
  tailNumber: string;
  @ApiProperty({ type: String, nullable: true })
  typeIcao: string | null;
  @ApiProperty({ type: String, nullable: true })
  typeDisplay: string | null;
  @ApiProperty({ type: String, nullable: true })
  airlineIcao: string | null;
  @ApiProperty({ type: String, nullable: true })
  fleetId: string | null;
  @ApiProperty({ type: String, nullable: true })
  operator: string | null;
  createdAt: Date;
  updatedAt: Date;
}
