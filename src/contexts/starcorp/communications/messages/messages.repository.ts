import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { CommunicationsStore } from '../../../../platform/database/communications-data-source';
import { newestFirst } from '../../../../platform/http/pagination';
import { ListInboxQueryDto, ListSentMessagesQueryDto } from './dto/message.dto';
import { StarcorpMessageRecipient } from './message-recipient.communications-entity';
import { StarcorpMessage } from './message.communications-entity';

/** Receipts per INSERT: an announcement to a big org stays under Postgres' 65,535 bind parameters. */
const INSERT_CHUNK = 2000;
/** The most messages a thread answer holds. */
export const THREAD_LIMIT = 200;

/** A message and the caller's receipt of it (null when they are not a recipient). */
export interface MessageWithReceipt {
  message: StarcorpMessage;
  receipt: StarcorpMessageRecipient | null;
}

/**
 * The messages' SQL, all on the communications store (`CommunicationsStore`): messages and their
 * receipts. Every query filters by org; the inbox and the unread count read the receipts' partial
 * indexes.
 */
@Injectable()
export class StarcorpMessagesRepository {
  constructor(private readonly store: CommunicationsStore) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }

  /** Inserts a message and its receipts (which repeat its `createdAt`). */
  async insert(
    tx: EntityManager,
    message: Omit<StarcorpMessage, 'createdAt'>,
    recipients: { userId: string; name: string }[],
  ): Promise<StarcorpMessage> {
    const inserted = await tx.insert(StarcorpMessage, message);
    const createdAt = inserted.generatedMaps[0].createdAt as Date;
    for (let start = 0; start < recipients.length; start += INSERT_CHUNK) {
      await tx.insert(
        StarcorpMessageRecipient,
        recipients.slice(start, start + INSERT_CHUNK).map((r) => ({
          messageId: message.id,
          recipientUserId: r.userId,
          orgId: message.orgId,
          recipientName: r.name,
          readAt: null,
          deletedAt: null,
          createdAt,
        })),
      );
    }
    return { ...message, createdAt } as StarcorpMessage;
  }

  /** A message of the org with `userId`'s receipt, or null when the org has no such message. */
  async withReceipt(
    manager: EntityManager | undefined,
    orgId: string,
    id: string,
    userId: string,
    lock = false,
  ): Promise<MessageWithReceipt | null> {
    const m = manager ?? this.store.manager;
    const message = await m.findOne(StarcorpMessage, {
      where: { id, orgId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!message) return null;
    const receipt = await m.findOne(StarcorpMessageRecipient, { where: { messageId: id, recipientUserId: userId } });
    return { message, receipt };
  }

  /** A page of the user's undeleted receipts, newest first (the inbox index). */
  inboxReceipts(orgId: string, userId: string, q: ListInboxQueryDto): Promise<StarcorpMessageRecipient[]> {
    const qb = this.store.manager
      .getRepository(StarcorpMessageRecipient)
      .createQueryBuilder('r')
      .where('r.org_id = :orgId AND r.recipient_user_id = :userId AND r.deleted_at IS NULL', { orgId, userId });
    if (q.unread) qb.andWhere('r.read_at IS NULL');
    if (q.priority) {
      qb.innerJoin(StarcorpMessage, 'm', 'm.id = r.message_id').andWhere('m.priority = :priority', {
        priority: q.priority,
      });
    }
    return newestFirst(qb, 'r.created_at', 'r.message_id', q).getMany();
  }

  /** A page of the messages the user sent and has not deleted, newest first. */
  sent(orgId: string, userId: string, q: ListSentMessagesQueryDto): Promise<StarcorpMessage[]> {
    const qb = this.store.manager
      .getRepository(StarcorpMessage)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId AND m.sender_user_id = :userId AND m.sender_deleted_at IS NULL', { orgId, userId });
    if (q.priority) qb.andWhere('m.priority = :priority', { priority: q.priority });
    return newestFirst(qb, 'm.created_at', 'm.id', q).getMany();
  }

  /** Unread, undeleted receipts of the user (an index-only count on the partial unread index). */
  async unreadCount(orgId: string, userId: string): Promise<number> {
    const [row] = (await this.store.manager.query(
      `SELECT count(*)::int AS unread FROM starcorp_message_recipients
        WHERE org_id = $1 AND recipient_user_id = $2 AND read_at IS NULL AND deleted_at IS NULL`,
      [orgId, userId],
    )) as { unread: number }[];
    return row.unread;
  }

  byIds(orgId: string, ids: string[]): Promise<StarcorpMessage[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.store.manager.find(StarcorpMessage, { where: { orgId, id: In(ids) } });
  }

  /** The thread's messages `userId` still has a side of, oldest first. */
  threadOf(orgId: string, threadId: string, userId: string): Promise<StarcorpMessage[]> {
    return this.store.manager
      .getRepository(StarcorpMessage)
      .createQueryBuilder('m')
      .where('m.org_id = :orgId AND m.thread_id = :threadId', { orgId, threadId })
      .andWhere(
        `((m.sender_user_id = :userId AND m.sender_deleted_at IS NULL) OR EXISTS (
           SELECT 1 FROM starcorp_message_recipients r
            WHERE r.message_id = m.id AND r.recipient_user_id = :userId AND r.deleted_at IS NULL))`,
        { userId },
      )
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(THREAD_LIMIT)
      .getMany();
  }

  /** Every receipt of the given messages (callers pass no announcements: those have one per member). */
  receiptsOf(messageIds: string[]): Promise<StarcorpMessageRecipient[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return this.store.manager.find(StarcorpMessageRecipient, {
      where: { messageId: In(messageIds) },
      order: { recipientName: 'ASC', recipientUserId: 'ASC' },
    });
  }

  /** The user's receipts of the given messages. */
  receiptsOfUser(messageIds: string[], userId: string): Promise<StarcorpMessageRecipient[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return this.store.manager.find(StarcorpMessageRecipient, {
      where: { messageId: In(messageIds), recipientUserId: userId },
    });
  }

  /** Marks the receipt read (the first read counts); false when there is no undeleted receipt. */
  async markRead(tx: EntityManager, messageId: string, userId: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(StarcorpMessageRecipient)
      .set({ readAt: () => 'coalesce(read_at, now())' })
      .where({ messageId, recipientUserId: userId, deletedAt: IsNull() })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async deleteSenderSide(tx: EntityManager, messageId: string): Promise<void> {
    await tx.update(StarcorpMessage, { id: messageId }, { senderDeletedAt: () => 'now()' });
  }

  async deleteReceipt(tx: EntityManager, messageId: string, userId: string): Promise<void> {
    await tx.update(
      StarcorpMessageRecipient,
      { messageId, recipientUserId: userId, deletedAt: IsNull() },
      { deletedAt: () => 'now()' },
    );
  }

  undeletedReceipts(tx: EntityManager, messageId: string): Promise<number> {
    return tx.count(StarcorpMessageRecipient, { where: { messageId, deletedAt: IsNull() } });
  }

  /** Removes the message and (cascade) its receipts. */
  async purge(tx: EntityManager, messageId: string): Promise<void> {
    await tx.delete(StarcorpMessage, { id: messageId });
  }
}
