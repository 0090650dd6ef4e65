import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeText } from '../../../../../platform/http/safe-text';
import { IsCalendarDate } from '../../common/calendar-date';
import { CERTIFICATION_STATUSES, type CertificationStatus } from '../certification-expiry';

export class CompleteCertificationDto {
  @IsUUID()
  fuelerId: string;

  @IsUUID()
  courseId: string;

  /** The day the training was completed (not in the future). */
  @IsCalendarDate()
  completedOn: string;

  /** Overrides the expiry the course's validity gives (e.g. a certificate issued elsewhere). */
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string;

  @IsOptional()
  @IsSafeText()
  @MaxLength(2000)
  notes?: string;
}

/** `days`: the window of `expiring_soon` (default 30). */
export class CertificationWindowQueryDto extends CursorPageQueryDto {
  @ApiProperty({ required: false, default: 30, minimum: 0, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  days: number = 30;
}

export class ListCertificationsQueryDto extends CertificationWindowQueryDto {
  /** valid: beyond the window; expiring_soon: within `days` days; expired: past its expiry. */
  @ApiProperty({ enum: CERTIFICATION_STATUSES, enumName: 'FboCertificationStatus', required: false })
  @IsOptional()
  @IsIn(CERTIFICATION_STATUSES)
  status?: CertificationStatus;

  @IsOptional()
  @IsUUID()
  fuelerId?: string;

  @IsOptional()
  @IsUUID()
  courseId?: string;
}

export class CertificationDto {
  id: string;
  fuelerId: string;
  courseId: string;
  courseName: string;
  @ApiProperty({ type: String, format: 'date' })
  completedOn: string;
  @ApiProperty({ type: String, format: 'date' })
  expiresOn: string;
  @ApiProperty({ type: String, nullable: true })
  certifiedById: string | null;
  notes: string;
  /** As of the org's today (its time zone), with the request's `days` window (30 by default). */
  @ApiProperty({ enum: CERTIFICATION_STATUSES, enumName: 'FboCertificationStatus' })
  status: CertificationStatus;
}

/** `from`..`to`: the days whose expiries a training calendar shows (at most 366 days). */
export class CertificationCalendarQueryDto {
  @IsCalendarDate()
  from: string;

  @IsCalendarDate()
  to: string;
}

/** The certifications expiring on one day. */
export class CertificationCalendarDayDto {
  @ApiProperty({ type: String, format: 'date' })
  date: string;
  certifications: CertificationDto[];
}

/** Expiries per day, only days that have any, in date order. */
export class CertificationCalendarDto {
  @ApiProperty({ type: String, format: 'date' })
  from: string;
  @ApiProperty({ type: String, format: 'date' })
  to: string;
  days: CertificationCalendarDayDto[];
}

/** One completion of the append-only history. */
export class CertificationRecordDto {
  id: string;
  fuelerId: string;
  courseId: string;
  courseName: string;
  @ApiProperty({ type: String, format: 'date' })
  completedOn: string;
  @ApiProperty({ type: String, format: 'date' })
  expiresOn: string;
  @ApiProperty({ type: String, nullable: true })
  certifiedById: string | null;
  notes: string;
  recordedAt: Date;
}
