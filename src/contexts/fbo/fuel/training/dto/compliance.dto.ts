import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FUELER_STATUSES, type FuelerStatus } from '../../fuelers/fueler.entity';
import { ListFuelersQueryDto } from '../../fuelers/dto/fueler.dto';
import type { CourseStanding } from '../compliance';

const STANDINGS: CourseStanding[] = ['valid', 'expiring_soon', 'expired', 'missing'];

export class ListComplianceQueryDto extends ListFuelersQueryDto {
  /** The window of `expiring_soon` (default 30). */
  @ApiProperty({ required: false, default: 30, minimum: 0, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  days: number = 30;
}

export class CourseComplianceDto {
  courseId: string;
  courseName: string;
  @ApiProperty({ enum: STANDINGS, enumName: 'FboCourseStanding' })
  standing: CourseStanding;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiresOn: string | null;
}

export class FuelerComplianceDto {
  fuelerId: string;
  fuelerName: string;
  @ApiProperty({ enum: FUELER_STATUSES, enumName: 'FboFuelerStatus' })
  status: FuelerStatus;
  /** Every required course held and not expired. */
  compliant: boolean;
  @ApiProperty({ type: [CourseComplianceDto] })
  courses: CourseComplianceDto[];
  /** Training assignments past due. */
  overdueAssignments: number;
}
