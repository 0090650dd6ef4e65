import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  IsNotEmpty,
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { FUEL_TYPES, type FuelType } from '../../tanks/tank.entity';
import { COURSE_KINDS, type CourseKind } from '../course.entity';

export class CreateTrainingCourseDto {
  @ApiProperty({ example: 'Jet A fueling, initial' })
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsSafeText()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ enum: COURSE_KINDS, enumName: 'FboCourseKind' })
  @IsIn(COURSE_KINDS)
  kind: CourseKind;

  /** Validity in days; give this or `validityCalendarMonths`, not both. */
  @ApiProperty({ type: Number, required: false, nullable: true, minimum: 1, maximum: 3660 })
  @IsOptional()
  @IsNullable()
  @IsInt()
  @Min(1)
  @Max(3660)
  validityDays?: number | null;

  /** Validity in calendar months, running to the end of the last month (139.321(e)). */
  @ApiProperty({ type: Number, required: false, nullable: true, minimum: 1, maximum: 120 })
  @IsOptional()
  @IsNullable()
  @IsInt()
  @Min(1)
  @Max(120)
  validityCalendarMonths?: number | null;

  /** ICAO type designator when the course qualifies for one aircraft type only. */
  @ApiProperty({ example: 'B738', required: false, nullable: true })
  @IsOptional()
  @IsNullable()
  @Matches(/^[A-Z0-9]{2,4}$/, { message: 'aircraftType must be an ICAO type designator (2-4 capitals or digits)' })
  aircraftType?: string | null;

  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(FUEL_TYPES.length)
  @IsIn(FUEL_TYPES, { each: true })
  fuelTypes?: FuelType[];

  /** Required courses must be current for a fueler to be dispatched. Default true. */
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class UpdateTrainingCourseDto extends PartialType(CreateTrainingCourseDto) {}

export class ListTrainingCoursesQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: COURSE_KINDS, enumName: 'FboCourseKind', required: false })
  @IsOptional()
  @IsIn(COURSE_KINDS)
  kind?: CourseKind;
}

export class TrainingCourseDto {
  id: string;
  name: string;
  description: string;
  @ApiProperty({ enum: COURSE_KINDS, enumName: 'FboCourseKind' })
  kind: CourseKind;
  @ApiProperty({ type: Number, nullable: true })
  validityDays: number | null;
  @ApiProperty({ type: Number, nullable: true })
  validityCalendarMonths: number | null;
  @ApiProperty({ type: String, nullable: true })
  aircraftType: string | null;
  @ApiProperty({ enum: FUEL_TYPES, enumName: 'FboFuelType', isArray: true })
  fuelTypes: FuelType[];
  required: boolean;
}
