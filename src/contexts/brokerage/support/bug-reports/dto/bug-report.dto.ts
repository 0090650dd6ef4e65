import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import {
  BUG_REPORT_CATEGORIES,
  BUG_REPORT_SEVERITIES,
  BUG_REPORT_STATUSES,
  type BugReportCategory,
  type BugReportSeverity,
  type BugReportStatus,
} from '../bug-report-rules';

const CATEGORY = { enum: BUG_REPORT_CATEGORIES, enumName: 'BrokerageBugReportCategory' } as const;
const SEVERITY = { enum: BUG_REPORT_SEVERITIES, enumName: 'BrokerageBugReportSeverity' } as const;
const STATUS = { enum: BUG_REPORT_STATUSES, enumName: 'BrokerageBugReportStatus' } as const;
const optionalText = { required: false, nullable: true, type: String } as const;

/** What a member files. The reporter is the caller; status, resolvedAt and triage notes are the triagers'. */
export class CreateBugReportDto {
  @ApiProperty({ example: 'Invoice PDF shows the wrong due date' })
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(200)
  title: string;

  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(10000)
  description: string;

  @ApiProperty(CATEGORY)
  @IsIn(BUG_REPORT_CATEGORIES)
  category: BugReportCategory;

  /** How bad it is to the reporter (default medium); triagers may change it. */
  @ApiProperty({ ...SEVERITY, required: false })
  @IsOptional()
  @IsIn(BUG_REPORT_SEVERITIES)
  severity?: BugReportSeverity;

  @ApiProperty({ ...optionalText, example: 'Firefox 133' })
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(200)
  browser?: string | null;

  @ApiProperty({ ...optionalText, example: 'macOS 15.1' })
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(200)
  os?: string | null;

  /** The page the reporter was on (http or https). */
  @ApiProperty({ ...optionalText, example: 'https://app.example.com/brokerage/invoices/42' })
  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url?: string | null;

  /** Steps to reproduce. */
  @ApiProperty(optionalText)
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeText()
  @MaxLength(10000)
  steps?: string | null;

  /** What the reporter expected. */
  @ApiProperty(optionalText)
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  expected?: string | null;

  /** What happened instead. */
  @ApiProperty(optionalText)
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  actual?: string | null;
}

/** Triage: the category and severity, and the triager's notes. Status moves through the transition routes. */
export class TriageBugReportDto extends PickType(CreateBugReportDto, ['severity'] as const) {
  @ApiProperty({ ...CATEGORY, required: false })
  @IsOptional()
  @IsIn(BUG_REPORT_CATEGORIES)
  category?: BugReportCategory;

  /** Notes for the team (replaces the previous notes). */
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(10000)
  triageNotes?: string;
}

export class ListBugReportsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ ...STATUS, required: false })
  @IsOptional()
  @IsIn(BUG_REPORT_STATUSES)
  status?: BugReportStatus;

  @ApiProperty({ ...CATEGORY, required: false })
  @IsOptional()
  @IsIn(BUG_REPORT_CATEGORIES)
  category?: BugReportCategory;

  @ApiProperty({ ...SEVERITY, required: false })
  @IsOptional()
  @IsIn(BUG_REPORT_SEVERITIES)
  severity?: BugReportSeverity;
}

export class BugReportDto {
  id: string;
  title: string;
  description: string;
  @ApiProperty(CATEGORY)
  category: BugReportCategory;
  @ApiProperty(SEVERITY)
  severity: BugReportSeverity;
  @ApiProperty(STATUS)
  status: BugReportStatus;
  /** The user who filed it; null when a bot key did. */
  reporterId: string | null;
  browser: string | null;
  os: string | null;
  url: string | null;
  steps: string | null;
  expected: string | null;
  actual: string | null;
  triageNotes: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
