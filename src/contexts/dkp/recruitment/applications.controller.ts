import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import type { Page } from '../../../platform/http/pagination';
import { PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { ApplicationVotesService } from './application-votes.service';
import { ApplicationsService } from './applications.service';
import {
  ApplicationMemberVoteViewDto,
  ApplicationOfficerVoteViewDto,
  ApplicationVoteChangeDto,
  ApplicationVoteDetailsDto,
  ApplicationVoteResultDto,
  ApplicationVoteSummaryDto,
  ApplicationVotingEligibilityDto,
  CastApplicationVoteDto,
  ListApplicationVoteChangesQueryDto,
} from './dto/application-vote.dto';
import {
  ApplicationCommentDto,
  ApplicationDecisionNoteDto,
  ApplicationDto,
  CreateApplicationCommentDto,
  ListApplicationsQueryDto,
  RejectApplicationDto,
  SubmitApplicationDto,
} from './dto/application.dto';
import {
  ApplicationQuestionDto,
  ApplicationStatisticsDto,
  CreateApplicationQuestionDto,
  ListApplicationQuestionsQueryDto,
  RecruitmentSettingsDto,
  UpdateApplicationQuestionDto,
  UpdateRecruitmentSettingsDto,
} from './dto/recruitment-settings.dto';
import { ApplyToOrg, isRecruiter, OwnApplication, ReadApplication, ReadQuestionnaire, RecruitmentAdmins, RecruitmentOfficers, Recruiters, VoteAggregates, VoteAsMember } from './recruitment-access';
import { RecruitmentSettingsService } from './recruitment-settings.service';

const ApplicationPageDto = PageOf(ApplicationDto);
const ApplicationVoteChangePageDto = PageOf(ApplicationVoteChangeDto);
const ILLEGAL = 'Not allowed from the current status (problem body has currentStatus)';

/**
 * Recruitment: anyone logged in applies; recruiters screen, comment and open the member vote;
 * members vote; officers decide and end the trial. See `application-rules.ts` for the workflow.
 */
@ApiTags('dkp-recruitment')
@OrgContext('dkp')
@Controller('orgs/:org/dkp/applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly votes: ApplicationVotesService,
    private readonly settings: RecruitmentSettingsService,
  ) {}

  /**
   * Applies to join the org (any logged-in user, member or not). A non-member becomes an
   * `applicant` member; a member keeps their tier (e.g. applying with a new character).
   */
  @Post()
  @ApplyToOrg()
  @Idempotent()
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiProblem(409, 'An application for that character is already open, or the character is on the roster')
  submitApplication(@CurrentOrg() a: OrgAccess, @Body() dto: SubmitApplicationDto): Promise<ApplicationDto> {
    return this.applications.submit(a, dto);
  }

  /** Every application, newest first (recruiters and officers). */
  @Get()
  @Recruiters()
  @ApiOkResponse({ type: ApplicationPageDto })
  listApplications(@CurrentOrg() a: OrgAccess, @Query() q: ListApplicationsQueryDto): Promise<Page<ApplicationDto>> {
    return this.applications.list(a.org.id, q);
  }

  /** The caller's own applications, newest first. */
  @Get('mine')
  @OwnApplication()
  @ApiOkResponse({ type: ApplicationPageDto })
  listMyApplications(@CurrentOrg() a: OrgAccess, @Query() q: ListApplicationsQueryDto): Promise<Page<ApplicationDto>> {
    return this.applications.list(a.org.id, q, { userId: a.userId ?? undefined });
  }

  /** Applications whose member vote is open, for members to vote on. */
  @Get('voting')
  @VoteAggregates()
  @ApiOkResponse({ type: ApplicationPageDto })
  listVotingApplications(@CurrentOrg() a: OrgAccess, @Query() q: ListApplicationsQueryDto): Promise<Page<ApplicationDto>> {
    return this.applications.list(a.org.id, q, { status: 'voting_active' });
  }

  /** The org's questionnaire (active questions; recruiters may ask for inactive ones too). Open to any logged-in user. */
  @Get('questions')
  @ReadQuestionnaire()
  @ApiOkResponse({ type: [ApplicationQuestionDto] })
  listApplicationQuestions(@CurrentOrg() a: OrgAccess, @Query() q: ListApplicationQuestionsQueryDto): Promise<ApplicationQuestionDto[]> {
    return this.settings.listQuestions(a.org.id, Boolean(q.includeInactive) && a.tier !== null && isRecruiter(a));
  }

  @Post('questions')
  @Recruiters()
  @ApiCreatedResponse({ type: ApplicationQuestionDto })
  createApplicationQuestion(@CurrentOrg() a: OrgAccess, @Body() dto: CreateApplicationQuestionDto): Promise<ApplicationQuestionDto> {
    return this.settings.createQuestion(a.org.id, dto);
  }

  @Patch('questions/:questionId')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationQuestionDto })
  updateApplicationQuestion(@CurrentOrg() a: OrgAccess, @UuidParam('questionId') id: string, @Body() dto: UpdateApplicationQuestionDto): Promise<ApplicationQuestionDto> {
    return this.settings.updateQuestion(a.org.id, id, dto);
  }

  /** Deletes a question; submitted applications keep their answers with the prompt. */
  @Delete('questions/:questionId')
  @HttpCode(204)
  @Recruiters()
  @ApiNoContentResponse()
  deleteApplicationQuestion(@CurrentOrg() a: OrgAccess, @UuidParam('questionId') id: string): Promise<void> {
    return this.settings.deleteQuestion(a.org.id, id);
  }

  /** The org's recruitment rules (defaults until changed). */
  @Get('settings')
  @Recruiters()
  @ApiOkResponse({ type: RecruitmentSettingsDto })
  getRecruitmentSettings(@CurrentOrg() a: OrgAccess): Promise<RecruitmentSettingsDto> {
    return this.settings.get(a.org.id);
  }

  /** Changes the rules; votes already open keep the rules they opened with. */
  @Patch('settings')
  @RecruitmentAdmins()
  @ApiOkResponse({ type: RecruitmentSettingsDto })
  updateRecruitmentSettings(@CurrentOrg() a: OrgAccess, @Body() dto: UpdateRecruitmentSettingsDto): Promise<RecruitmentSettingsDto> {
    return this.settings.update(a.org.id, dto);
  }

  /** Counts by status and month (last 12), average time to decision, approval rate. */
  @Get('statistics')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationStatisticsDto })
  getApplicationStatistics(@CurrentOrg() a: OrgAccess): Promise<ApplicationStatisticsDto> {
    return this.applications.statistics(a.org.id);
  }

  /** One application: the applicant sees their own; members, developers and recruiters see any. */
  @Get(':id')
  @ReadApplication()
  @ApiOkResponse({ type: ApplicationDto })
  getApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.get(a, id);
  }

  /** The applicant withdraws their own open application. */
  @Post(':id/withdraw')
  @HttpCode(200)
  @OwnApplication()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, ILLEGAL)
  withdrawApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.withdraw(a, id);
  }

  /** Screening passed (submitted → trial_accepted); the bot posts the application summary. */
  @Post(':id/trial-accept')
  @HttpCode(200)
  @Recruiters()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, ILLEGAL)
  trialAcceptApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.trialAccept(a, id);
  }

  /** Opens the member vote (trial_accepted → voting_active) for the org's votingHours. */
  @Post(':id/start-voting')
  @HttpCode(200)
  @Recruiters()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, ILLEGAL)
  startApplicationVoting(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.startVoting(a, id);
  }

  /** Rejects with a reason (from submitted, trial_accepted or voting_complete). */
  @Post(':id/reject')
  @HttpCode(200)
  @Recruiters()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, ILLEGAL)
  rejectApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: RejectApplicationDto): Promise<ApplicationDto> {
    return this.applications.reject(a, id, dto.reason);
  }

  /** After a passed vote: creates the roster character and makes the applicant a trial member. */
  @Post(':id/approve')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, ILLEGAL + ', the vote did not pass, or the character is on the roster')
  approveApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: ApplicationDecisionNoteDto): Promise<ApplicationDto> {
    return this.applications.approve(a, id, dto.reason);
  }

  /** After the vote: not now, apply again later. */
  @Post(':id/recycle')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, ILLEGAL)
  recycleApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: ApplicationDecisionNoteDto): Promise<ApplicationDto> {
    return this.applications.recycle(a, id, dto.reason);
  }

  /** Ends the trial with promotion to member (a higher tier is kept). */
  @Post(':id/promote')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, 'No running trial (problem body has currentStatus and trialStatus)')
  promoteApplicant(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.promote(a, id);
  }

  /** Ends the trial without promotion: the trial membership becomes guest, the character inactive. */
  @Post(':id/remove-trial')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblem(409, 'No running trial (problem body has currentStatus and trialStatus)')
  removeApplicantTrial(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.removeTrial(a, id);
  }

  /** Recruiter and officer notes; never shown to applicants or members. */
  @Post(':id/comments')
  @Recruiters()
  @ApiCreatedResponse({ type: ApplicationCommentDto })
  commentOnApplication(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: CreateApplicationCommentDto): Promise<ApplicationCommentDto> {
    return this.applications.addComment(a, id, dto);
  }

  @Get(':id/comments')
  @Recruiters()
  @ApiOkResponse({ type: [ApplicationCommentDto] })
  listApplicationComments(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationCommentDto[]> {
    return this.applications.listComments(a.org.id, id);
  }

  /** Casts or changes the caller's vote while the window is open (members and up, not the applicant). */
  @Put(':id/vote')
  @VoteAsMember()
  @ApiOkResponse({ type: ApplicationVoteResultDto })
  @ApiProblem(409, 'Voting is not open (problem body has currentStatus)')
  castApplicationVote(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: CastApplicationVoteDto): Promise<ApplicationVoteResultDto> {
    return this.votes.cast(a, id, dto.choice);
  }

  /** Withdraws the caller's vote while the window is open. */
  @Delete(':id/vote')
  @HttpCode(204)
  @VoteAsMember()
  @ApiNoContentResponse()
  @ApiProblem(409, 'Voting is not open (problem body has currentStatus)')
  withdrawApplicationVote(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.votes.withdraw(a, id);
  }

  /** Aggregate counts (all and counted); no voter is named. */
  @Get(':id/votes/summary')
  @VoteAggregates()
  @ApiOkResponse({ type: ApplicationVoteSummaryDto })
  getApplicationVoteSummary(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationVoteSummaryDto> {
    return this.votes.summary(a.org.id, id);
  }

  /** The aggregates plus the caller's own vote. */
  @Get(':id/votes/member-view')
  @VoteAggregates()
  @ApiOkResponse({ type: ApplicationMemberVoteViewDto })
  getApplicationMemberVoteView(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationMemberVoteViewDto> {
    return this.votes.memberView(a, id);
  }

  /** The aggregates plus every voter: choice, attendance, counted, change count. */
  @Get(':id/votes/officer-view')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationOfficerVoteViewDto })
  getApplicationOfficerVoteView(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationOfficerVoteViewDto> {
    return this.votes.officerView(a.org.id, id);
  }

  /** Every vote with its details and the counted / not counted split. */
  @Get(':id/votes/details')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationVoteDetailsDto })
  getApplicationVoteDetails(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationVoteDetailsDto> {
    return this.votes.details(a.org.id, id);
  }

  /** Who may vote and whose vote counts (attendance against the threshold). */
  @Get(':id/voting-eligibility')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationVotingEligibilityDto })
  getApplicationVotingEligibility(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationVotingEligibilityDto> {
    return this.votes.eligibility(a.org.id, id);
  }

  /** Every vote cast or changed, newest first. */
  @Get(':id/vote-changes')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationVoteChangePageDto })
  listApplicationVoteChanges(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Query() q: ListApplicationVoteChangesQueryDto): Promise<Page<ApplicationVoteChangeDto>> {
    return this.votes.changes(a.org.id, id, q);
  }
}
