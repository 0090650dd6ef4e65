import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { AssistantConversation } from './assistant-conversation.entity';
import type { MessageMetadata, MessageRole } from './conversation-rules';

/** One message of a conversation: the member's question or the assistant's answer, with its token usage. */
@Entity('brokerage_assistant_messages')
@Index('ix_brokerage_assistant_messages_org_conversation', ['orgId', 'conversationId', 'createdAt', 'id'])
@Index('ix_brokerage_assistant_messages_org_created', ['orgId', 'createdAt'])
@Check('chk_brokerage_assistant_messages_role', `"role" IN ('user', 'assistant')`)
export class AssistantMessage extends OrgScopedEntity {
  @Column('uuid')
  conversationId: string;

  @ManyToOne(() => AssistantConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: AssistantConversation;

  @Column('varchar', { length: 16 })
  role: MessageRole;

  @Column('text')
  content: string;

  /** The assistant's tool calls (name and arguments), model and finish reason. */
  @Column('jsonb', { default: {} })
  metadata: MessageMetadata;

  @Column('integer', { default: 0 })
  promptTokens: number;

  @Column('integer', { default: 0 })
  completionTokens: number;

  /** The user who sent it (user messages; null for a bot key or the assistant). */
  @Column('uuid', { nullable: true })
  authorId: string | null;
}
