import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StarcorpMessage } from './message.communications-entity';

/**
 * A message's receipt for one recipient: their name when it was sent, when they read it and when
 * they deleted it from their inbox. `createdAt` repeats the message's, so an inbox page and the
 * unread count are read from this table's partial indexes alone.
 */
@Entity('starcorp_message_recipients')
@Index('ix_starcorp_message_recipients_inbox', ['orgId', 'recipientUserId', 'createdAt', 'messageId'], {
  where: 'deleted_at IS NULL',
})
@Index('ix_starcorp_message_recipients_unread', ['orgId', 'recipientUserId'], {
  where: 'read_at IS NULL AND deleted_at IS NULL',
})
export class StarcorpMessageRecipient {
  @PrimaryColumn('uuid')
  messageId: string;

  @PrimaryColumn('uuid')
  recipientUserId: string;

  @Column('uuid')
  orgId: string;

  /** The recipient's name when the message was sent. */
  @Column('varchar', { length: 100 })
  recipientName: string;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @ManyToOne(() => StarcorpMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_starcorp_message_recipients_message' })
  private readonly message?: StarcorpMessage;
}
