import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { AssistantConversation } from './assistant-conversation.entity';
import { AssistantMessage } from './assistant-message.entity';
import type { ConversationStatus } from './conversation-rules';

/** The SQL of conversations and their messages. */
@Injectable()
export class AssistantConversationsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  page(orgId: string, status: ConversationStatus | undefined, page: { limit: number; cursor?: string }) {
    const qb = this.db
      .getRepository(AssistantConversation)
      .createQueryBuilder('c')
      .where('c.org_id = :orgId', { orgId });
    if (status) qb.andWhere('c.status = :status', { status });
    return newestFirst(qb, 'c.created_at', 'c.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<AssistantConversation> {
    return findInOrg(this.managerOf(tx), AssistantConversation, orgId, id, 'Conversation', { lock });
  }

  save(tx: EntityManager, conversation: AssistantConversation): Promise<AssistantConversation> {
    return tx.save(AssistantConversation, conversation);
  }

  messagePage(orgId: string, conversationId: string, page: { limit: number; cursor?: string }) {
    const qb = this.db
      .getRepository(AssistantMessage)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId AND m.conversation_id = :conversationId', { orgId, conversationId });
    return newestFirst(qb, 'm.created_at', 'm.id', page).getMany();
  }

  /** The last `count` messages, oldest first (the history sent to the model). */
  async recentMessages(orgId: string, conversationId: string, count: number): Promise<AssistantMessage[]> {
    const rows = await this.db.manager.find(AssistantMessage, {
      where: { orgId, conversationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: count,
    });
    return rows.reverse();
  }

  saveMessage(tx: EntityManager, message: AssistantMessage): Promise<AssistantMessage> {
    return tx.save(AssistantMessage, message);
  }

  /** Tokens the org used since `since`: its chat answers' and its transcribed images'. */
  async tokensUsedSince(orgId: string, since: Date): Promise<number> {
    const [row] = await this.db.query<{ used: string }[]>(
      `SELECT (SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0)
                 FROM brokerage_assistant_messages WHERE org_id = $1 AND created_at >= $2)
            + (SELECT COALESCE(SUM(tokens_used), 0)
                 FROM brokerage_assistant_documents WHERE org_id = $1 AND extracted_at >= $2) AS used`,
      [orgId, since],
    );
    return Number(row.used);
  }
}
