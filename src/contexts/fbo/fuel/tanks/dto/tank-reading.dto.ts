import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsInches } from '../../common/fuel-units';
import { READING_SOURCES, type ReadingSource } from '../tank-reading.entity';

/** What every reading says: the level, and whether water showed on the stick or sump. */
abstract class TankLevelDto {
  @IsInches()
  levelInches: string;

  @IsOptional()
  @IsBoolean()
  waterDetected?: boolean;
}

export class CreateTankReadingDto extends TankLevelDto {
  /** When the level was read; now when omitted. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  recordedAt?: Date;
}

/** A gauge's reading of one tank, named by the farm's tank number; its time is required (it identifies a re-send). */
export class GaugeReadingDto extends TankLevelDto {
  @ApiProperty({ example: 'JA-1' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: 'tankId must be 1-32 letters, digits or dashes' })
  tankId: string;

  @Type(() => Date)
  @IsDate()
  recordedAt: Date;
}

export class TankReadingBatchDto {
  @ApiProperty({ type: [GaugeReadingDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => GaugeReadingDto)
  readings: GaugeReadingDto[];
}

export class ListTankReadingsQueryDto extends CursorPageQueryDto {
  /** Readings of the last N days (default 7). */
  @ApiProperty({ required: false, default: 7, minimum: 1, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 7;
}

export class TankReadingDto {
  id: string;
  /** The tank (its id, not the farm's tank number). */
  fuelTankId: string;
  levelInches: string;
  gallons: string;
  waterDetected: boolean;
  recordedAt: Date;
  @ApiProperty({ enum: READING_SOURCES, enumName: 'FboReadingSource' })
  source: ReadingSource;
  @ApiProperty({ type: String, nullable: true })
  recordedBy: string | null;
}

export class TankReadingBatchResultDto {
  /** Readings stored by this request. */
  stored: number;
  /** Readings already stored earlier (same tank and recordedAt), not stored again. */
  duplicates: number;
  @ApiProperty({ type: [TankReadingDto] })
  readings: TankReadingDto[];
}
