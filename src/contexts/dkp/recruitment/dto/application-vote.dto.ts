import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import {
  TIE_RULES,
  VOTE_CHOICES,
  VOTE_DECISIONS,
  type TieRule,
  type VoteChoice,
  type VoteDecision,
} from '../application-rules';
import { ApplicationTallyDto } from './application.dto';

export class CastApplicationVoteDto {
  @ApiProperty({ enum: VOTE_CHOICES, enumName: 'ApplicationVoteChoice' })
  @IsIn(VOTE_CHOICES)
  choice: VoteChoice;
}

export class ApplicationVotingRulesDto {
  minAttendancePercent: number;
  quorum: number;
  @ApiProperty({ enum: TIE_RULES, enumName: 'ApplicationTieRule' })
  tieRule: TieRule;
  passThresholdPercent: number;
}

/** Aggregate counts only: what members and developers see. No voter is named. */
export class ApplicationVoteSummaryDto {
  applicationId: string;
  /** Whether voting is open now. */
  open: boolean;
  @ApiProperty({ type: Date, nullable: true })
  votingEndsAt: Date | null;
  /** Every vote cast, counted or not. */
  all: ApplicationTallyDto;
  /** Votes from voters at or above the attendance threshold: only these decide. */
  counted: ApplicationTallyDto;
  totalVotes: number;
  countedVotes: number;
  @ApiProperty({ type: ApplicationVotingRulesDto, nullable: true })
  rules: ApplicationVotingRulesDto | null;
  quorumMet: boolean;
  /** Set once the vote closed. */
  @ApiProperty({ enum: VOTE_DECISIONS, enumName: 'ApplicationVoteDecision', nullable: true, type: String })
  decision: VoteDecision | null;
}

/** The caller's own vote. */
export class ApplicationOwnVoteDto {
  @ApiProperty({ enum: VOTE_CHOICES, enumName: 'ApplicationVoteChoice' })
  choice: VoteChoice;
  changeCount: number;
  attendancePercent: number;
  counted: boolean;
  votedAt: Date;
}

export class ApplicationMemberVoteViewDto {
  summary: ApplicationVoteSummaryDto;
  /** Null when the caller has not voted. */
  @ApiProperty({ type: ApplicationOwnVoteDto, nullable: true })
  myVote: ApplicationOwnVoteDto | null;
}

/** One voter's vote, for recruiters and officers. */
export class ApplicationVoterDto {
  userId: string;
  username: string;
  @ApiProperty({ enum: VOTE_CHOICES, enumName: 'ApplicationVoteChoice' })
  choice: VoteChoice;
  /** 30-day attendance (best pool, percent) at the time of the latest vote. */
  attendancePercent: number;
  counted: boolean;
  changeCount: number;
  votedAt: Date;
  firstVotedAt: Date;
}

export class ApplicationOfficerVoteViewDto {
  summary: ApplicationVoteSummaryDto;
  voters: ApplicationVoterDto[];
}

export class ApplicationVoteDetailsDto {
  applicationId: string;
  @ApiProperty({ type: ApplicationVotingRulesDto, nullable: true })
  rules: ApplicationVotingRulesDto | null;
  votes: ApplicationVoterDto[];
  /** Counted votes only, by choice. */
  counted: ApplicationTallyDto;
  /** Votes that did not count (attendance below the threshold), by choice. */
  notCounted: ApplicationTallyDto;
}

/** Result of casting or changing a vote. */
export class ApplicationVoteResultDto {
  applicationId: string;
  vote: ApplicationOwnVoteDto;
}

export class ApplicationEligibleVoterDto {
  userId: string;
  username: string;
  tier: string;
  /** 30-day attendance now (best pool, percent). */
  attendancePercent: number;
  /** Whether a vote cast now would count. */
  wouldCount: boolean;
  hasVoted: boolean;
  /** Whether their recorded vote counts; null without a vote. */
  @ApiProperty({ type: Boolean, nullable: true })
  voteCounted: boolean | null;
}

export class ApplicationVotingEligibilityDto {
  applicationId: string;
  minAttendancePercent: number;
  /** Members (tier member and up) who may vote, except the applicant. */
  voters: ApplicationEligibleVoterDto[];
}

export class ApplicationVoteChangeDto {
  id: string;
  userId: string;
  username: string;
  /** Null for a first vote. */
  @ApiProperty({ enum: VOTE_CHOICES, enumName: 'ApplicationVoteChoice', nullable: true, type: String })
  fromChoice: VoteChoice | null;
  /** Null when the vote was withdrawn. */
  @ApiProperty({ enum: VOTE_CHOICES, enumName: 'ApplicationVoteChoice', nullable: true, type: String })
  toChoice: VoteChoice | null;
  attendancePercent: number;
  counted: boolean;
  createdAt: Date;
}

export class ListApplicationVoteChangesQueryDto extends CursorPageQueryDto {}
