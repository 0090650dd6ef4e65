import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { APPLICATION_STATUSES, TIE_RULES, type ApplicationStatus, type TieRule } from '../application-rules';

export class RecruitmentSettingsDto {
  /** Length of the member vote, in hours (default 48). */
  votingHours: number;
  /** Minimum 30-day attendance (best pool, percent) for a vote to count (default 15). */
  minAttendancePercent: number;
  /** Minimum number of counted votes for a decision (default 1); below it the decision is recycle. */
  quorum: number;
  /** Decision when pass and fail are level at the threshold (default recycle). */
  @ApiProperty({ enum: TIE_RULES, enumName: 'ApplicationTieRule' })
  tieRule: TieRule;
  /**
   * Share of pass among counted pass + fail votes (percent) that must be exceeded to pass
   * (default 50: simple majority). Recycle votes only count toward the quorum, and win only
   * when they outnumber both pass and fail.
   */
  passThresholdPercent: number;
  /** Length of the trial period after approval, in days (default 14). */
  trialDays: number;
}

export class UpdateRecruitmentSettingsDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  votingHours?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minAttendancePercent?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  quorum?: number;

  @ApiProperty({ enum: TIE_RULES, enumName: 'ApplicationTieRule', required: false })
  @IsOptional()
  @IsIn(TIE_RULES)
  tieRule?: TieRule;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(99.9)
  passThresholdPercent?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  trialDays?: number;
}

export class CreateApplicationQuestionDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  prompt: string;

  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @IsOptional()
  @IsInt()
  @Min(-100_000)
  @Max(100_000)
  sortOrder?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateApplicationQuestionDto extends PartialType(CreateApplicationQuestionDto) {}

export class ListApplicationQuestionsQueryDto {
  /** Also list inactive questions (recruiters and officers only). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeInactive?: boolean;
}

export class ApplicationQuestionDto {
  id: string;
  prompt: string;
  required: boolean;
  sortOrder: number;
  active: boolean;
  createdAt: Date;
}

export class ApplicationStatusCountDto {
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' })
  status: ApplicationStatus;
  count: number;
}

export class ApplicationMonthStatsDto {
  /** `YYYY-MM` (UTC). */
  month: string;
  submitted: number;
  approved: number;
  rejected: number;
}

export class ApplicationStatisticsDto {
  total: number;
  byStatus: ApplicationStatusCountDto[];
  /** The last 12 months, oldest first, by month of submission (approved/rejected: by month of decision). */
  byMonth: ApplicationMonthStatsDto[];
  /** Mean hours from submission to approval or rejection; null before any. */
  @ApiProperty({ type: Number, nullable: true })
  averageHoursToDecision: number | null;
  /** approved / (approved + rejected), 0-1 with 3 decimals; null before any decision. */
  @ApiProperty({ type: Number, nullable: true })
  approvalRate: number | null;
}
