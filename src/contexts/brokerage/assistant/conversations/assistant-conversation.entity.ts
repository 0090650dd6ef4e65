import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { ConversationContext, ConversationStatus } from './conversation-rules';

/** A chat with the assistant: a title, a status, and the records it is about (its context). */
@Entity('brokerage_assistant_conversations')
@Index('ix_brokerage_assistant_conversations_org_created', ['orgId', 'createdAt', 'id'])
@Check('chk_brokerage_assistant_conversations_status', `"status" IN ('active', 'completed', 'archived')`)
export class AssistantConversation extends OrgScopedEntity {
  @Column('varchar', { length: 200 })
  title: string;

  @Column('varchar', { length: 16, default: 'active' })
  status: ConversationStatus;

  @Column('jsonb', { default: {} })
  context: ConversationContext;

  @Column('uuid', { nullable: true })
  createdById: string | null;
}
