import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsCalendarDate } from '../../common/calendar-date';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../training-assignment.entity';

export class CreateTrainingAssignmentDto {
  @IsUUID()
  fuelerId: string;

  @IsUUID()
  courseId: string;

  @IsCalendarDate('Complete by this day')
  dueOn: string;
}

export class ListTrainingAssignmentsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, enumName: 'FboTrainingAssignmentStatus', required: false })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES)
  status?: AssignmentStatus;

  @IsOptional()
  @IsUUID()
  fuelerId?: string;

  /** true: assigned and past due (UTC today). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}

export class TrainingAssignmentDto {
  id: string;
  fuelerId: string;
  courseId: string;
  @ApiProperty({ type: String, format: 'date' })
  dueOn: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, enumName: 'FboTrainingAssignmentStatus' })
  status: AssignmentStatus;
  /** Assigned and past its due day. */
  overdue: boolean;
  @ApiProperty({ type: String, nullable: true })
  assignedById: string | null;
  @ApiProperty({ type: Date, nullable: true })
  closedAt: Date | null;
}
