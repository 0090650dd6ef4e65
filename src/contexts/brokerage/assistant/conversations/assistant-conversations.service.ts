import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { AssistantLookups } from '../assistant-lookups';
import { AssistantDocumentsRepository } from '../documents/assistant-documents.repository';
import { AssistantBudget } from '../provider/assistant-budget';
import { AssistantProvider, ProviderMessage } from '../provider/assistant-provider';
import { AssistantConversation } from './assistant-conversation.entity';
import { AssistantConversationsRepository } from './assistant-conversations.repository';
import { AssistantMessage } from './assistant-message.entity';
import { ASSISTANT_TOOLS, runTool } from './assistant-tools';
import { CONVERSATION_LIFECYCLE, ToolCallRecord } from './conversation-rules';
import {
  AssistantConversationDto,
  AssistantExchangeDto,
  AssistantMessageDto,
  CreateAssistantConversationDto,
  ListAssistantConversationsQueryDto,
  SendAssistantMessageDto,
  UpdateAssistantConversationDto,
} from './dto/assistant-conversation.dto';

/** Messages of the conversation sent back to the model with a new one. */
const HISTORY = 40;
/** Rounds of tool calls before the model must answer in words. */
const MAX_TOOL_ROUNDS = 4;
/** Characters of a context document's text given to the model. */
const DOCUMENT_EXCERPT = 12_000;

function toConversationDto(c: AssistantConversation): AssistantConversationDto {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    context: c.context,
    createdById: c.createdById,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toMessageDto(m: AssistantMessage): AssistantMessageDto {
  return {
    id: m.id,
    conversationId: m.conversationId,
    role: m.role,
    content: m.content,
    metadata: m.metadata,
    promptTokens: m.promptTokens,
    completionTokens: m.completionTokens,
    authorId: m.authorId,
    createdAt: m.createdAt.toISOString(),
  };
}

interface Reply {
  content: string;
  model: string;
  finishReason: string | null;
  toolCalls: ToolCallRecord[];
  promptTokens: number;
  completionTokens: number;
}

/**
 * Conversations with the assistant. A message goes to the model with the conversation's recent
 * history and the fixed list of read-only tools (see assistant-tools.ts); the model never writes
 * and never sees SQL. The question and the answer are stored together, with the tokens used, only
 * once the model has answered: a provider failure stores nothing. Each org has a monthly token
 * budget (see AssistantBudget); past it, 429.
 */
@Injectable()
export class AssistantConversationsService {
  constructor(
    private readonly conversations: AssistantConversationsRepository,
    private readonly documents: AssistantDocumentsRepository,
    private readonly provider: AssistantProvider,
    private readonly lookups: AssistantLookups,
    private readonly budget: AssistantBudget,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListAssistantConversationsQueryDto): Promise<Page<AssistantConversationDto>> {
    const rows = await this.conversations.page(orgId, q.status, q);
    return keysetPage(rows, q.limit, (c) => timeAndId(c.createdAt, c.id), toConversationDto);
  }

  async get(orgId: string, id: string): Promise<AssistantConversationDto> {
    return toConversationDto(await this.conversations.load(orgId, id));
  }

  async create(access: OrgAccess, dto: CreateAssistantConversationDto): Promise<AssistantConversationDto> {
    const orgId = access.org.id;
    const context = dto.context?.documentId ? { documentId: dto.context.documentId } : {};
    if (context.documentId) await this.documents.load(orgId, context.documentId);
    return this.conversations.transaction(async (tx) => {
      const conversation = await this.conversations.save(
        tx,
        tx.create(AssistantConversation, {
          orgId,
          title: dto.title ?? 'New conversation',
          status: 'active',
          context,
          createdById: access.userId,
        }),
      );
      return this.answer(tx, conversation);
    });
  }

  update(orgId: string, id: string, dto: UpdateAssistantConversationDto): Promise<AssistantConversationDto> {
    return this.conversations.transaction(async (tx) => {
      const conversation = await this.conversations.load(orgId, id, tx, true);
      if (dto.status !== undefined && dto.status !== conversation.status) {
        CONVERSATION_LIFECYCLE.assert(conversation.status, dto.status);
        conversation.status = dto.status;
      }
      if (dto.title !== undefined) {
        if (conversation.status === 'archived' && dto.status === undefined)
          throw Problem.conflict('An archived conversation cannot change', 'conversation-not-active', {
            currentState: conversation.status,
          });
        conversation.title = dto.title;
      }
      return this.answer(tx, await this.conversations.save(tx, conversation));
    });
  }

  async messages(orgId: string, id: string, q: { limit: number; cursor?: string }): Promise<Page<AssistantMessageDto>> {
    await this.conversations.load(orgId, id);
    const rows = await this.conversations.messagePage(orgId, id, q);
    return keysetPage(rows, q.limit, (m) => timeAndId(m.createdAt, m.id), toMessageDto);
  }

  /** Asks the model; stores the question and its answer together once it has answered. */
  async send(access: OrgAccess, id: string, dto: SendAssistantMessageDto): Promise<AssistantExchangeDto> {
    const orgId = access.org.id;
    const conversation = await this.conversations.load(orgId, id);
    if (conversation.status !== 'active')
      throw Problem.conflict(`The conversation is ${conversation.status}; reopen it first`, 'conversation-not-active', {
        currentState: conversation.status,
      });
    this.provider.assertConfigured();
    await this.budget.assertAvailable(orgId);
    const askedAt = new Date();
    const reply = await this.ask(orgId, access, conversation, dto.content);
    return this.conversations.transaction(async (tx) => {
      const locked = await this.conversations.load(orgId, id, tx, true);
      const question = await this.conversations.saveMessage(
        tx,
        tx.create(AssistantMessage, {
          orgId,
          conversationId: id,
          role: 'user',
          content: dto.content,
          metadata: {},
          authorId: access.userId,
          createdAt: askedAt,
        }),
      );
      const answer = await this.conversations.saveMessage(
        tx,
        tx.create(AssistantMessage, {
          orgId,
          conversationId: id,
          role: 'assistant',
          content: reply.content,
          metadata: { model: reply.model, finishReason: reply.finishReason, toolCalls: reply.toolCalls },
          promptTokens: reply.promptTokens,
          completionTokens: reply.completionTokens,
          authorId: null,
          createdAt: new Date(Math.max(Date.now(), askedAt.getTime() + 1)),
        }),
      );
      locked.updatedAt = new Date();
      await this.conversations.save(tx, locked);
      const exchange = { userMessage: toMessageDto(question), assistantMessage: toMessageDto(answer) };
      await this.audit.recordInTransaction(tx, { id: answer.id, conversationId: id });
      return exchange;
    });
  }

  /** The model's answer, after the tool rounds it asked for (the last round offers no tools). */
  private async ask(
    orgId: string,
    access: OrgAccess,
    conversation: AssistantConversation,
    content: string,
  ): Promise<Reply> {
    const history = await this.conversations.recentMessages(orgId, conversation.id, HISTORY);
    const messages: ProviderMessage[] = [
      { role: 'system', content: await this.systemPrompt(access, conversation) },
      ...history.map((m): ProviderMessage => ({ role: m.role, content: m.content })),
      { role: 'user', content },
    ];
    const reply: Reply = {
      content: '',
      model: '',
      finishReason: null,
      toolCalls: [],
      promptTokens: 0,
      completionTokens: 0,
    };
    for (let round = 0; ; round++) {
      const lastRound = round >= MAX_TOOL_ROUNDS;
      const answer = await this.provider.complete(messages, lastRound ? [] : ASSISTANT_TOOLS);
      reply.promptTokens += answer.promptTokens;
      reply.completionTokens += answer.completionTokens;
      Object.assign(reply, { model: answer.model, finishReason: answer.finishReason, content: answer.content ?? '' });
      if (lastRound || !answer.toolCalls.length) return reply;
      messages.push({ role: 'assistant', content: answer.content, tool_calls: answer.toolCalls });
      for (const call of answer.toolCalls) {
        const outcome = await runTool(this.lookups, orgId, call.function.name, call.function.arguments);
        reply.toolCalls.push({ name: call.function.name, arguments: outcome.arguments, ok: outcome.ok });
        messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.output });
      }
    }
  }

  private async systemPrompt(access: OrgAccess, conversation: AssistantConversation): Promise<string> {
    const parts = [
      `You are the assistant of ${access.org.name}, a meat brokerage. Today is ${new Date().toISOString().slice(0, 10)}.`,
      'Answer questions about its suppliers, customers, products, purchase orders and receivables using the tools; ' +
        'they only read. You cannot create or change records: say that a member does it in the app, or applies a ' +
        'proposal read from an uploaded document. Never invent records or numbers the tools did not return.',
    ];
    const documentId = conversation.context.documentId;
    const document = documentId ? await this.documents.load(access.org.id, documentId).catch(() => null) : null;
    if (document?.text)
      parts.push(
        `The conversation is about the document "${document.fileName ?? document.id}" ` +
          `(${document.documentClass ?? 'unclassified'}). Its text:\n${document.text.slice(0, DOCUMENT_EXCERPT)}`,
      );
    return parts.join('\n\n');
  }

  private async answer(tx: EntityManager, conversation: AssistantConversation): Promise<AssistantConversationDto> {
    const dto = toConversationDto(conversation);
    await this.audit.recordInTransaction(tx, dto);
    return dto;
  }
}
