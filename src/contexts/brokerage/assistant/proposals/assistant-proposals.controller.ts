import { Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageRead, BrokerageWrite } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import { AssistantProposalsService } from './assistant-proposals.service';
import { AssistantProposalDto, ListAssistantProposalsQueryDto } from './dto/assistant-proposal.dto';

const AssistantProposalPageDto = PageOf(AssistantProposalDto);

/** Records the assistant proposes from documents; a member applies them through the normal services. */
@ApiTags('brokerage-assistant-proposals')
@BrokerageController()
export class AssistantProposalsController {
  constructor(private readonly proposals: AssistantProposalsService) {}

  /** Lists proposals, newest first; filter by status, kind or document. */
  @Get('assistant/proposals')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantProposalPageDto })
  listAssistantProposals(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListAssistantProposalsQueryDto,
  ): Promise<Page<AssistantProposalDto>> {
    return this.proposals.list(access.org.id, q);
  }

  /** Gets one proposal. */
  @Get('assistant/proposals/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantProposalDto })
  getAssistantProposal(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<AssistantProposalDto> {
    return this.proposals.get(access.org.id, id);
  }

  /**
   * Applies a proposal: creates the supplier or drafts the purchase order through the brokerage's
   * services, as the caller. Idempotent: applying again answers the same result; the services'
   * refusals (400, 404, 409) come back unchanged and leave the proposal pending.
   */
  @Post('assistant/proposals/:id/apply')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: AssistantProposalDto })
  @ApiProblem(409, ['proposal-supplier-unresolved', 'proposal-in-progress', 'invalid-transition', 'duplicate-value'])
  applyAssistantProposal(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<AssistantProposalDto> {
    return this.proposals.apply(access, id);
  }

  /** Dismisses a pending proposal. */
  @Post('assistant/proposals/:id/dismiss')
  @HttpCode(200)
  @BrokerageWrite()
  @ApiOkResponse({ type: AssistantProposalDto })
  @ApiProblem(409, ['invalid-transition'], 'Already applied or being applied')
  dismissAssistantProposal(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<AssistantProposalDto> {
    return this.proposals.dismiss(access.org.id, id);
  }
}
