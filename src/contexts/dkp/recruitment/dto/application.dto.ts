import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import {
  APPLICATION_STATUSES,
  TRIAL_STATUSES,
  VOTE_DECISIONS,
  type ApplicationStatus,
  type TrialStatus,
  type VoteDecision,
} from '../application-rules';
import { IsCharacterName } from '../../common/character-name';
import { IsDiscordUsername } from '../../common/discord-username';

export class ApplicationAnswerInputDto {
  @IsUUID()
  questionId: string;

  @IsString()
  @MaxLength(4000)
  answer: string;
}

export class SubmitApplicationDto {
  /** The character applying: 2-32 letters, stored capitalized (`trident` is `Trident`). */
  @IsCharacterName({ message: 'characterName must be 2-32 letters' })
  characterName: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  server: string;

  /** e.g. `Shadow Knight`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  characterClass: string;

  @IsInt()
  @Min(1)
  @Max(255)
  level: number;

  /** Previous guilds, raiding history. */
  @IsString()
  @MaxLength(4000)
  guildExperience: string;

  /** Days and hours the applicant can raid. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  availability: string;

  /** e.g. `America/New_York` or `UTC-5`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  timeZone: string;

  /** Current members who vouch for the applicant. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  references?: string;

  /** The applicant's Discord username (current style `some_player`, or a legacy `Name#1234`). */
  @IsDiscordUsername()
  discordUsername: string;

  /** Answers to the org's active questions (`GET applications/questions`); every required one must be answered. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ApplicationAnswerInputDto)
  answers?: ApplicationAnswerInputDto[];
}

export class RejectApplicationDto {
  /** Why; shown to the applicant and sent with the `dkp.application.rejected` event. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ApplicationDecisionNoteDto {
  /** Optional note sent with the event. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListApplicationsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus', required: false })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  /** Only this applicant's applications. */
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** Approved applications by trial state: `active` lists the trial members. */
  @ApiProperty({ enum: TRIAL_STATUSES, enumName: 'ApplicationTrialStatus', required: false })
  @IsOptional()
  @IsIn(TRIAL_STATUSES)
  trialStatus?: TrialStatus;
}

export class ApplicationAnswerDto {
  questionId: string;
  /** The question as it read when answered. */
  prompt: string;
  answer: string;
}

export class ApplicationTallyDto {
  pass: number;
  fail: number;
  recycle: number;
}

export class ApplicationDto {
  id: string;
  userId: string;
  username: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' })
  status: ApplicationStatus;
  characterName: string;
  server: string;
  characterClass: string;
  level: number;
  guildExperience: string;
  availability: string;
  timeZone: string;
  references: string;
  discordUsername: string;
  answers: ApplicationAnswerDto[];
  @ApiProperty({ type: String, nullable: true })
  rejectionReason: string | null;
  @ApiProperty({ type: Date, nullable: true })
  trialAcceptedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  votingStartedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  votingEndsAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  votingClosedAt: Date | null;
  /** The outcome of the member vote, once closed. */
  @ApiProperty({ enum: VOTE_DECISIONS, enumName: 'ApplicationVoteDecision', nullable: true, type: String })
  decision: VoteDecision | null;
  @ApiProperty({ type: Date, nullable: true })
  decidedAt: Date | null;
  /** The roster character created on approval. */
  @ApiProperty({ type: String, nullable: true })
  characterId: string | null;
  @ApiProperty({ enum: TRIAL_STATUSES, enumName: 'ApplicationTrialStatus', nullable: true, type: String })
  trialStatus: TrialStatus | null;
  @ApiProperty({ type: Date, nullable: true })
  trialEndsAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  trialEndedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class CreateApplicationCommentDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  body: string;
}

export class ApplicationCommentDto {
  id: string;
  applicationId: string;
  @ApiProperty({ type: String, nullable: true })
  authorUserId: string | null;
  @ApiProperty({ type: String, nullable: true })
  authorUsername: string | null;
  body: string;
  createdAt: Date;
}
