import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import type { Page } from '../../../platform/http/pagination';
import { PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { ApplicationsService } from './applications.service';
import {
  ApplicationCommentDto,
  ApplicationDecisionNoteDto,
  ApplicationDto,
  CreateApplicationCommentDto,
  ListApplicationsQueryDto,
  RejectApplicationDto,
  SubmitApplicationDto,
} from './dto/application.dto';
import { ApplicationStatisticsDto } from './dto/recruitment-settings.dto';
import {
  ApplyToOrg,
  OwnApplication,
  ReadApplication,
  RecruitmentOfficers,
  Recruiters,
  VoteAggregates,
} from './recruitment-access';

const ApplicationPageDto = PageOf(ApplicationDto);
const ILLEGAL = 'Not allowed from the current status (problem body has currentStatus)';

/**
 * Recruitment applications: anyone logged in applies; recruiters screen, comment and open the
 * member vote; officers decide and end the trial. See `application-rules.ts` for the workflow;
 * the vote is in `application-votes.controller.ts`, the rules and questionnaire in
 * `recruitment-settings.controller.ts`.
 */
@OrgContext('dkp')
@Controller('orgs/:org/dkp/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /**
   * Applies to join the org (any logged-in user, member or not). A non-member becomes an
   * `applicant` member; a member keeps their tier (e.g. applying with a new character).
   */
  @Post()
  @ApplyToOrg()
  @Idempotent()
  @ApiProblem(
    409,
    ['application-exists', 'character-exists'],
    'An application for that character is already open, or the character is on the roster',
  )
  @ApiProblem(403, ['forbidden'], 'Applications are submitted by users, not bot keys')
  submitApplication(@CurrentOrg() access: OrgAccess, @Body() dto: SubmitApplicationDto): Promise<ApplicationDto> {
    return this.applications.submit(access, dto);
  }

  /** Every application, newest first (recruiters and officers). */
  @Get()
  @Recruiters()
  @ApiOkResponse({ type: ApplicationPageDto })
  listApplications(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListApplicationsQueryDto,
  ): Promise<Page<ApplicationDto>> {
    return this.applications.list(access.org.id, q);
  }

  /** The caller's own applications, newest first. */
  @Get('mine')
  @OwnApplication()
  @ApiOkResponse({ type: ApplicationPageDto })
  listMyApplications(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListApplicationsQueryDto,
  ): Promise<Page<ApplicationDto>> {
    return this.applications.listMine(access, q);
  }

  /** Applications whose member vote is open, for members to vote on. */
  @Get('voting')
  @VoteAggregates()
  @ApiOkResponse({ type: ApplicationPageDto })
  listVotingApplications(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListApplicationsQueryDto,
  ): Promise<Page<ApplicationDto>> {
    return this.applications.listVoting(access.org.id, q);
  }

  /** Counts by status and month (last 12), average time to decision, approval rate. */
  @Get('statistics')
  @Recruiters()
  getApplicationStatistics(@CurrentOrg() access: OrgAccess): Promise<ApplicationStatisticsDto> {
    return this.applications.statistics(access.org.id);
  }

  /** One application: the applicant sees their own; members, developers and recruiters see any. */
  @Get(':id')
  @ReadApplication()
  getApplication(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.get(access, id);
  }

  /**
   * The applicant replaces their own application (every form field, validated as a submission)
   * until the member vote opens. Another member's application: 403 for those who may read it,
   * 404 for anyone else.
   */
  @Put(':id')
  @OwnApplication()
  @ApiProblem(
    409,
    ['illegal-application-transition', 'application-exists', 'character-exists'],
    ILLEGAL + ' (voting started or decided), or the new character is taken',
  )
  updateApplication(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: SubmitApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.update(access, id, dto);
  }

  /** The applicant withdraws their own open application. */
  @Post(':id/withdraw')
  @HttpCode(200)
  @OwnApplication()
  @ApiProblem(409, ['illegal-application-transition'], ILLEGAL)
  withdrawApplication(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.withdraw(access, id);
  }

  /** Screening passed (submitted → trial_accepted); the bot posts the application summary. */
  @Post(':id/trial-accept')
  @HttpCode(200)
  @Recruiters()
  @ApiProblem(409, ['illegal-application-transition'], ILLEGAL)
  trialAcceptApplication(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.trialAccept(access, id);
  }

  /** Opens the member vote (trial_accepted → voting_active) for the org's votingHours. */
  @Post(':id/start-voting')
  @HttpCode(200)
  @Recruiters()
  @ApiProblem(409, ['illegal-application-transition'], ILLEGAL)
  startApplicationVoting(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.startVoting(access, id);
  }

  /**
   * Closes the member vote before its window ends (voting_active → voting_complete): the tally is
   * taken now, by the same rules as the automatic close.
   */
  @Post(':id/close-voting')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiProblem(409, ['illegal-application-transition'], ILLEGAL)
  closeApplicationVoting(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.closeVoting(access, id);
  }

  /**
   * Rejects with a reason (from submitted, trial_accepted, voting_active or voting_complete).
   * During the member vote, the vote is void: closed without a decision.
   */
  @Post(':id/reject')
  @HttpCode(200)
  @Recruiters()
  @ApiProblem(409, ['illegal-application-transition'], ILLEGAL)
  rejectApplication(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: RejectApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.reject(access, id, dto.reason);
  }

  /** After a passed vote: creates the roster character and makes the applicant a trial member. */
  @Post(':id/approve')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiProblem(
    409,
    ['illegal-application-transition', 'vote-not-passed', 'character-exists'],
    ILLEGAL + ', the vote did not pass, or the character is on the roster',
  )
  approveApplication(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ApplicationDecisionNoteDto,
  ): Promise<ApplicationDto> {
    return this.applications.approve(access, id, dto.reason);
  }

  /** After the vote: not now, apply again later. */
  @Post(':id/recycle')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiProblem(409, ['illegal-application-transition'], ILLEGAL)
  recycleApplication(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: ApplicationDecisionNoteDto,
  ): Promise<ApplicationDto> {
    return this.applications.recycle(access, id, dto.reason);
  }

  /** Ends the trial with promotion to member (a higher tier is kept). */
  @Post(':id/promote')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiProblem(409, ['no-active-trial'], 'No running trial')
  promoteApplicant(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.promote(access, id);
  }

  /** Ends the trial without promotion: the trial membership becomes guest, the character inactive. */
  @Post(':id/remove-trial')
  @HttpCode(200)
  @RecruitmentOfficers()
  @ApiProblem(409, ['no-active-trial'], 'No running trial')
  removeApplicantTrial(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ApplicationDto> {
    return this.applications.removeTrial(access, id);
  }

  /** Recruiter and officer notes; never shown to applicants or members. */
  @Post(':id/comments')
  @Recruiters()
  commentOnApplication(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CreateApplicationCommentDto,
  ): Promise<ApplicationCommentDto> {
    return this.applications.addComment(access, id, dto);
  }

  @Get(':id/comments')
  @ApiOperation({ summary: 'List the comments on an application' })
  @Recruiters()
  listApplicationComments(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ApplicationCommentDto[]> {
    return this.applications.listComments(access.org.id, id);
  }
}
