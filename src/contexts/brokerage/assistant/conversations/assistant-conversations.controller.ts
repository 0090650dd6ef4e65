import { Body, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { BrokerageRead, BrokerageWrite } from '../../brokerage-access';
import { BrokerageController } from '../../common/brokerage-controller.decorator';
import { AssistantConversationsService } from './assistant-conversations.service';
import {
  AssistantConversationDto,
  AssistantExchangeDto,
  AssistantMessageDto,
  CreateAssistantConversationDto,
  ListAssistantConversationsQueryDto,
  SendAssistantMessageDto,
  UpdateAssistantConversationDto,
} from './dto/assistant-conversation.dto';

const AssistantConversationPageDto = PageOf(AssistantConversationDto);
const AssistantMessagePageDto = PageOf(AssistantMessageDto);

/** Conversations with the brokerage assistant, which answers from the org's records (read-only). */
@ApiTags('brokerage-assistant-conversations')
@BrokerageController()
export class AssistantConversationsController {
  constructor(private readonly conversations: AssistantConversationsService) {}

  /** Lists the org's conversations, newest first; filter by status. */
  @Get('assistant/conversations')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantConversationPageDto })
  listAssistantConversations(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListAssistantConversationsQueryDto,
  ): Promise<Page<AssistantConversationDto>> {
    return this.conversations.list(access.org.id, q);
  }

  /** Gets one conversation. */
  @Get('assistant/conversations/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantConversationDto })
  getAssistantConversation(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
  ): Promise<AssistantConversationDto> {
    return this.conversations.get(access.org.id, id);
  }

  /** Starts a conversation, optionally about a document. */
  @Post('assistant/conversations')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: AssistantConversationDto })
  createAssistantConversation(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: CreateAssistantConversationDto,
  ): Promise<AssistantConversationDto> {
    return this.conversations.create(access, dto);
  }

  /** Renames a conversation or moves it: active ⇄ completed, either → archived. */
  @Patch('assistant/conversations/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: AssistantConversationDto })
  @ApiProblem(409, ['invalid-transition', 'conversation-not-active'], 'Not a legal move, or archived')
  updateAssistantConversation(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateAssistantConversationDto,
  ): Promise<AssistantConversationDto> {
    return this.conversations.update(access.org.id, id, dto);
  }

  /** Lists a conversation's messages, newest first. */
  @Get('assistant/conversations/:id/messages')
  @BrokerageRead()
  @ApiOkResponse({ type: AssistantMessagePageDto })
  listAssistantMessages(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<AssistantMessageDto>> {
    return this.conversations.messages(access.org.id, id, q);
  }

  /**
   * Asks the assistant: the message and its answer are stored together once the model answered
   * (with the tokens used and the read-only tools it called); nothing is stored when it fails.
   */
  @Post('assistant/conversations/:id/messages')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: AssistantExchangeDto })
  @ApiProblem(409, ['conversation-not-active'], 'The conversation is completed or archived')
  @ApiProblem(429, ['assistant-budget-exhausted'], "The org's monthly token budget is spent")
  @ApiProblem(502, ['assistant-provider-failed'], 'The model provider failed after 3 retries')
  @ApiProblem(503, ['assistant-unavailable'], 'No model provider is configured')
  sendAssistantMessage(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: SendAssistantMessageDto,
  ): Promise<AssistantExchangeDto> {
    return this.conversations.send(access, id, dto);
  }
}
