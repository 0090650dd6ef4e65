import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { MessageAttachment, MessagePriority } from './message-rules';

/**
 * A message of the communications store (a second database when COMMUNICATIONS_DATABASE_URL is
 * set): no foreign key leaves the store, so the sender is a user id with a name snapshot. Its
 * receipts (`StarcorpMessageRecipient`) say who received it. An announcement is one message with a
 * receipt per member. `threadId` is the id of the thread's first message (its own, for a new one).
 * The row is purged once the sender and every recipient have deleted it.
 */
@Entity('starcorp_messages')
@Index('ix_starcorp_messages_org_sender', ['orgId', 'senderUserId', 'createdAt', 'id'], {
  where: 'sender_deleted_at IS NULL',
})
@Index('ix_starcorp_messages_org_thread', ['orgId', 'threadId', 'createdAt'])
@Check('ck_starcorp_messages_priority', "priority IN ('low', 'normal', 'high', 'urgent')")
export class StarcorpMessage {
  /** Chosen by the service, so that a new thread's `threadId` is the message's own id in one insert. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  @Column('uuid')
  threadId: string;

  @Column('uuid', { nullable: true })
  parentMessageId: string | null;

  /** Null for a system message. */
  @Column('uuid', { nullable: true })
  senderUserId: string | null;

  /** The sender's name when the message was sent. */
  @Column('varchar', { length: 100 })
  senderName: string;

  @Column('varchar', { length: 200 })
  subject: string;

  /** Plain text. */
  @Column('text')
  body: string;

  @Column('varchar', { length: 16 })
  priority: MessagePriority;

  /** Up to 5 links (`{ name, url }`). */
  @Column('jsonb')
  attachments: MessageAttachment[];

  @Column('boolean')
  system: boolean;

  @Column('boolean')
  announcement: boolean;

  @Column('integer')
  recipientCount: number;

  @Column('timestamptz', { nullable: true })
  senderDeletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @ManyToOne(() => StarcorpMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_message_id', foreignKeyConstraintName: 'fk_starcorp_messages_parent' })
  private readonly parent?: StarcorpMessage;
}
