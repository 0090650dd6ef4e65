import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDecimalString } from '../../../../../platform/domain/decimal';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { ICAO_AIRPORT } from '../../settings/dto/fbo-settings.dto';
import type { GeoJsonPolygon } from '../geo';

const IsDegrees = (limit: number) =>
  IsDecimalString({ scale: 6, integerDigits: 3, signed: true, example: limit === 90 ? '46.916300' : '-114.090600' });

export class GeoJsonPolygonDto implements GeoJsonPolygon {
  @ApiProperty({ enum: ['Polygon'] })
  type: 'Polygon';

  /** Rings of [longitude, latitude]; each ends at its first position. */
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } },
  })
  coordinates: number[][][];
}

export class CreateParkingLocationDto {
  /** Upper-case letters, digits and dashes, unique per airport. */
  @ApiProperty({ example: 'A-1', pattern: '^[A-Z0-9-]+$' })
  @IsString()
  @MaxLength(16)
  @Matches(/^[A-Z0-9-]+$/, { message: '$property must be upper-case letters, digits and dashes' })
  locationCode: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsSafeText()
  description?: string;

  /** ICAO code; must be one of the settings' airports. */
  @ApiProperty({ example: 'KMSO' })
  @IsString()
  @Matches(ICAO_AIRPORT, { message: '$property must be an ICAO code (four upper-case letters or digits)' })
  airport: string;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(32)
  @IsSafeName()
  terminal?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(16)
  @IsSafeName()
  gate?: string | null;

  /** Degrees, -90..90, at most six places. */
  @IsOptional()
  @IsNullable()
  @IsDegrees(90)
  latitude?: string | null;

  /** Degrees, -180..180, at most six places. */
  @IsOptional()
  @IsNullable()
  @IsDegrees(180)
  longitude?: string | null;

  /** The spot's outline, a GeoJSON Polygon of [longitude, latitude] positions. */
  @ApiProperty({ type: GeoJsonPolygonDto, required: false, nullable: true })
  @IsOptional()
  @IsNullable()
  @IsObject()
  polygon?: GeoJsonPolygon | null;

  /** Position in lists within the airport (lowest first). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  displayOrder?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateParkingLocationDto extends PartialType(CreateParkingLocationDto) {}

export class ListParkingLocationsQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @Matches(ICAO_AIRPORT, { message: '$property must be an ICAO code' })
  airport?: string;

  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class ParkingLocationDto {
  id: string;
  locationCode: string;
  description: string;
  airport: string;
  @ApiProperty({ type: String, nullable: true })
  terminal: string | null;
  @ApiProperty({ type: String, nullable: true })
  gate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '46.916300' })
  latitude: string | null;
  @ApiProperty({ type: String, nullable: true, example: '-114.090600' })
  longitude: string | null;
  @ApiProperty({ type: GeoJsonPolygonDto, nullable: true })
  polygon: GeoJsonPolygonDto | null;
  displayOrder: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}
