import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import type { Page } from '../../../platform/http/pagination';
import { PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { ApplicationVotesService } from './application-votes.service';
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
import { Recruiters, VoteAggregates, VoteAsMember } from './recruitment-access';

const ApplicationVoteChangePageDto = PageOf(ApplicationVoteChangeDto);

/** The member vote on an application: members vote; recruiters see who voted and how. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp/applications')
export class ApplicationVotesController {
  constructor(private readonly votes: ApplicationVotesService) {}

  /** Casts or changes the caller's vote while the window is open (members and up, not the applicant). */
  @Put(':id/vote')
  @VoteAsMember()
  @ApiProblem(409, ['voting-not-open', 'voting-closed'], 'Voting is not open')
  @ApiProblem(403, ['forbidden'], 'Votes are cast by members (not bot keys), never on their own application')
  castApplicationVote(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: CastApplicationVoteDto,
  ): Promise<ApplicationVoteResultDto> {
    return this.votes.cast(access, id, dto.choice);
  }

  /** Withdraws the caller's vote while the window is open. */
  @Delete(':id/vote')
  @HttpCode(204)
  @VoteAsMember()
  @ApiProblem(409, ['voting-not-open', 'voting-closed'], 'Voting is not open')
  withdrawApplicationVote(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.votes.withdraw(access, id);
  }

  /** Aggregate counts (all and counted); no voter is named. */
  @Get(':id/votes/summary')
  @VoteAggregates()
  getApplicationVoteSummary(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ApplicationVoteSummaryDto> {
    return this.votes.summary(access.org.id, id);
  }

  /** The aggregates plus the caller's own vote. */
  @Get(':id/votes/member-view')
  @VoteAggregates()
  getApplicationMemberVoteView(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ApplicationMemberVoteViewDto> {
    return this.votes.memberView(access, id);
  }

  /** The aggregates plus every voter: choice, attendance, counted, change count. */
  @Get(':id/votes/officer-view')
  @Recruiters()
  getApplicationOfficerVoteView(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ApplicationOfficerVoteViewDto> {
    return this.votes.officerView(access.org.id, id);
  }

  /** Every vote with its details and the counted / not counted split. */
  @Get(':id/votes/details')
  @Recruiters()
  getApplicationVoteDetails(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ApplicationVoteDetailsDto> {
    return this.votes.details(access.org.id, id);
  }

  /** Who may vote and whose vote counts (attendance against the threshold). */
  @Get(':id/voting-eligibility')
  @Recruiters()
  getApplicationVotingEligibility(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<ApplicationVotingEligibilityDto> {
    return this.votes.eligibility(access.org.id, id);
  }

  /** Every vote cast or changed, newest first. */
  @Get(':id/vote-changes')
  @Recruiters()
  @ApiOkResponse({ type: ApplicationVoteChangePageDto })
  listApplicationVoteChanges(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: ListApplicationVoteChangesQueryDto,
  ): Promise<Page<ApplicationVoteChangeDto>> {
    return this.votes.changes(access.org.id, id, q);
  }
}
