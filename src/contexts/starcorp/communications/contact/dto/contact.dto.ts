import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { CONTACT_STATUSES, type ContactStatus, SPAM_REASONS, type SpamReason } from '../contact-rules';

/** What the public contact form sends. */
export class SubmitContactDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(200)
  name: string;

  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(300)
  subject: string;

  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(10_000)
  message: string;

  /** The honeypot: the form hides this field, so people leave it empty; anything in it marks the message as spam. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

/** The answer to the sender: nothing about how the message was classified. */
export class ContactReceiptDto {
  id: string;
  detail: string;
}

export class ContactSubmissionDto {
  id: string;
  name: string;
  email: string;
  subject: string;
  message: string;
  ipAddress: string;
  userAgent: string;
  @ApiProperty({ enum: CONTACT_STATUSES, enumName: 'StarcorpContactStatus' })
  status: ContactStatus;
  isSpam: boolean;
  @ApiProperty({ enum: SPAM_REASONS, enumName: 'StarcorpSpamReason', isArray: true })
  spamReasons: SpamReason[];
  responseSentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class ListContactSubmissionsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: CONTACT_STATUSES, enumName: 'StarcorpContactStatus', required: false })
  @IsOptional()
  @IsIn(CONTACT_STATUSES)
  status?: ContactStatus;

  /** true: only spam; false: only non-spam; absent: both. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  spam?: boolean;
}

/** The states triage moves to by hand; `replied` comes with a reply. */
export const TRIAGE_STATUSES = ['read', 'archived'] as const;

export class SetContactStatusDto {
  @ApiProperty({ enum: TRIAGE_STATUSES })
  @IsIn(TRIAGE_STATUSES)
  status: (typeof TRIAGE_STATUSES)[number];
}

export class ReplyToContactDto {
  /** Plain text; mailed to the submitter with their message quoted. */
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(10_000)
  message: string;
}
