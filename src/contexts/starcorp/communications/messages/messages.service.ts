import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { CommunicationsStore } from '../../../../platform/database/communications-data-source';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { MemberSummary } from '../../../../platform/tenancy/members/member-directory';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../../platform/tenancy/tiers';
import {
  ListInboxQueryDto,
  ListSentMessagesQueryDto,
  MessageDto,
  MessageSummaryDto,
  MessageThreadDto,
  SendAnnouncementDto,
  SendMessageDto,
  UnreadMessagesDto,
} from './dto/message.dto';
import { StarcorpMessageRecipient } from './message-recipient.communications-entity';
import {
  isParticipant,
  MESSAGE_EVENTS,
  type MessagePriority,
  nameSnapshot,
  recipientErrors,
  shouldPurge,
} from './message-rules';
import { StarcorpMessage } from './message.communications-entity';
import { MessageWithReceipt, StarcorpMessagesRepository } from './messages.repository';

/** Who may receive messages: members who can read (readonly and above). */
const MIN_RECIPIENT_TIER = 'readonly' as const;
const SYSTEM_NAME = 'System';

export function toMessageSummaryDto(m: StarcorpMessage, readAt: Date | null): MessageSummaryDto {
  return {
    id: m.id,
    threadId: m.threadId,
    parentMessageId: m.parentMessageId,
    sender: { userId: m.senderUserId, name: m.senderName },
    subject: m.subject,
    priority: m.priority,
    system: m.system,
    announcement: m.announcement,
    recipientCount: m.recipientCount,
    attachmentCount: m.attachments.length,
    readAt,
    createdAt: m.createdAt,
  };
}

/**
 * One message for `viewerId`: recipients' read times only for its sender; an announcement lists
 * no recipients (one per member), only their count.
 */
export function toMessageDto(
  m: StarcorpMessage,
  viewerId: string,
  ownReceipt: StarcorpMessageRecipient | null,
  receipts: StarcorpMessageRecipient[],
): MessageDto {
  const { attachmentCount: _count, ...summary } = toMessageSummaryDto(m, ownReceipt?.readAt ?? null);
  const isSender = m.senderUserId === viewerId;
  return {
    ...summary,
    body: m.body,
    attachments: m.attachments,
    recipients: m.announcement
      ? []
      : receipts.map((r) => ({
          userId: r.recipientUserId,
          name: r.recipientName,
          readAt: isSender ? r.readAt : null,
        })),
  };
}

function requireUser(access: OrgAccess): string {
  if (!access.userId) throw Problem.forbidden('Messages are sent and read by members; a bot key has no inbox');
  return access.userId;
}

/** What a new message holds besides its routing. */
interface Content {
  subject: string;
  body: string;
  priority?: MessagePriority;
  attachments?: { name: string; url: string }[];
}

/**
 * Member messages and announcements, in the communications store. Recipients are checked against
 * the org's members through the platform's MembersService; the store keeps their ids and names as
 * they were. A user sees a message while they have an undeleted side of it (sender or receipt);
 * anyone else gets 404, exactly as for a missing message or another org's.
 */
@Injectable()
export class StarcorpMessagesService {
  constructor(
    private readonly messages: StarcorpMessagesRepository,
    private readonly store: CommunicationsStore,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async inbox(access: OrgAccess, q: ListInboxQueryDto): Promise<Page<MessageSummaryDto>> {
    const userId = requireUser(access);
    const receipts = await this.messages.inboxReceipts(access.org.id, userId, q);
    const byId = new Map(
      (
        await this.messages.byIds(
          access.org.id,
          receipts.map((r) => r.messageId),
        )
      ).map((m) => [m.id, m]),
    );
    return keysetPage(
      receipts,
      q.limit,
      (r) => timeAndId(r.createdAt, r.messageId),
      (r) => toMessageSummaryDto(byId.get(r.messageId)!, r.readAt),
    );
  }

  async sent(access: OrgAccess, q: ListSentMessagesQueryDto): Promise<Page<MessageSummaryDto>> {
    const rows = await this.messages.sent(access.org.id, requireUser(access), q);
    return keysetPage(
      rows,
      q.limit,
      (m) => timeAndId(m.createdAt, m.id),
      (m) => toMessageSummaryDto(m, null),
    );
  }

  async unreadCount(access: OrgAccess): Promise<UnreadMessagesDto> {
    return { unread: await this.messages.unreadCount(access.org.id, requireUser(access)) };
  }

  /** Sends a message to 1-50 members (400 naming each recipient who is not one). */
  async send(access: OrgAccess, dto: SendMessageDto): Promise<MessageDto> {
    const senderId = requireUser(access);
    const orgId = access.org.id;
    const people = await this.members.memberSummaries(orgId, { userIds: [...dto.recipientUserIds, senderId] });
    const receivers = new Map(
      people.filter((p) => p.tier && tierAtLeast(p.tier, MIN_RECIPIENT_TIER)).map((p) => [p.id, p]),
    );
    const errors = recipientErrors(dto.recipientUserIds, new Set(receivers.keys()));
    if (errors.length) throw Problem.validation(errors);
    const sender = people.find((p) => p.id === senderId);
    const recipients = dto.recipientUserIds.map((id) => receivers.get(id)!);
    return this.store.transaction(async (tx) => {
      const parent = dto.parentMessageId ? await this.participation(tx, orgId, dto.parentMessageId, senderId) : null;
      const message = await this.create(tx, orgId, dto, {
        sender: { id: senderId, name: sender ? nameSnapshot(sender) : senderId },
        recipients,
        parent: parent?.message ?? null,
        announcement: false,
      });
      await this.events.record(tx, {
        orgId,
        type: MESSAGE_EVENTS.sent,
        subjectId: message.id,
        payload: {
          messageId: message.id,
          threadId: message.threadId,
          senderUserId: senderId,
          recipientUserIds: dto.recipientUserIds,
          priority: message.priority,
        },
      });
      const result = await this.dtoIn(tx, message, senderId);
      await this.audit.recordInTransaction(tx, result);
      return result;
    });
  }

  /** Officers announce to every member who can read (but themselves): one message, a receipt each. */
  async announce(access: OrgAccess, dto: SendAnnouncementDto): Promise<MessageDto> {
    const senderId = requireUser(access);
    const orgId = access.org.id;
    const members = await this.members.memberSummaries(orgId, { minTier: MIN_RECIPIENT_TIER, activeOnly: true });
    const sender = (await this.members.memberSummaries(orgId, { userIds: [senderId] }))[0];
    return this.store.transaction(async (tx) => {
      const message = await this.create(tx, orgId, dto, {
        sender: { id: senderId, name: sender ? nameSnapshot(sender) : senderId },
        recipients: members.filter((m) => m.id !== senderId),
        parent: null,
        announcement: true,
      });
      await this.events.record(tx, {
        orgId,
        type: MESSAGE_EVENTS.announced,
        subjectId: message.id,
        payload: {
          messageId: message.id,
          senderUserId: senderId,
          recipientCount: message.recipientCount,
          priority: message.priority,
        },
      });
      const result = await this.dtoIn(tx, message, senderId);
      await this.audit.recordInTransaction(tx, result);
      return result;
    });
  }

  /**
   * A system message (no sender) to members, for other modules and the demo: it skips the
   * membership check, so callers pass members they already know.
   */
  async sendSystem(
    orgId: string,
    recipients: { userId: string; name: string }[],
    content: Content,
  ): Promise<MessageDto> {
    return this.store.transaction(async (tx) => {
      const message = await this.create(tx, orgId, content, {
        sender: null,
        recipients: recipients.map((r) => ({ id: r.userId, name: r.name })),
        parent: null,
        announcement: false,
        system: true,
      });
      await this.events.record(tx, {
        orgId,
        type: MESSAGE_EVENTS.sent,
        subjectId: message.id,
        payload: {
          messageId: message.id,
          threadId: message.threadId,
          senderUserId: null,
          recipientUserIds: recipients.map((r) => r.userId),
          priority: message.priority,
        },
      });
      return this.dtoIn(tx, message, '');
    });
  }

  async get(access: OrgAccess, id: string): Promise<MessageDto> {
    const userId = requireUser(access);
    const { message, receipt } = await this.participation(undefined, access.org.id, id, userId);
    const receipts = message.announcement ? [] : await this.messages.receiptsOf([message.id]);
    return toMessageDto(message, userId, receipt, receipts);
  }

  /** The thread of a message the caller takes part in: its messages they still have, oldest first. */
  async thread(access: OrgAccess, id: string): Promise<MessageThreadDto> {
    const userId = requireUser(access);
    const { message } = await this.participation(undefined, access.org.id, id, userId);
    const messages = await this.messages.threadOf(access.org.id, message.threadId, userId);
    const ids = messages.map((m) => m.id);
    const own = new Map((await this.messages.receiptsOfUser(ids, userId)).map((r) => [r.messageId, r]));
    const receipts = await this.messages.receiptsOf(messages.filter((m) => !m.announcement).map((m) => m.id));
    return {
      items: messages.map((m) =>
        toMessageDto(
          m,
          userId,
          own.get(m.id) ?? null,
          receipts.filter((r) => r.messageId === m.id),
        ),
      ),
    };
  }

  /** Marks the caller's receipt read (the first time counts); 404 unless they received it. */
  async markRead(access: OrgAccess, id: string): Promise<void> {
    const userId = requireUser(access);
    await this.store.transaction(async (tx) => {
      const found = await this.messages.withReceipt(tx, access.org.id, id, userId);
      if (!found || !(await this.messages.markRead(tx, id, userId))) throw Problem.notFound('Message');
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  /**
   * Deletes the message from the caller's side(s): their sent copy, their receipt, or both. Once the
   * sender and every recipient have deleted it, the message is purged.
   */
  async remove(access: OrgAccess, id: string): Promise<void> {
    const userId = requireUser(access);
    await this.store.transaction(async (tx) => {
      const { message, receipt } = await this.participation(tx, access.org.id, id, userId, true);
      if (message.senderUserId === userId && !message.senderDeletedAt) {
        await this.messages.deleteSenderSide(tx, id);
        message.senderDeletedAt = new Date();
      }
      if (receipt && !receipt.deletedAt) await this.messages.deleteReceipt(tx, id, userId);
      if (shouldPurge(message, await this.messages.undeletedReceipts(tx, id))) await this.messages.purge(tx, id);
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  // --- Shared steps ------------------------------------------------------------------------

  /** The message with the caller's receipt, when the caller has an undeleted side of it; else 404. */
  private async participation(
    tx: EntityManager | undefined,
    orgId: string,
    id: string,
    userId: string,
    lock = false,
  ): Promise<MessageWithReceipt> {
    const found = await this.messages.withReceipt(tx, orgId, id, userId, lock);
    const side = found && {
      asSender: found.message.senderUserId === userId && !found.message.senderDeletedAt,
      asRecipient: !!found.receipt && !found.receipt.deletedAt,
    };
    if (!found || !side || !isParticipant(side)) throw Problem.notFound('Message');
    return found;
  }

  private create(
    tx: EntityManager,
    orgId: string,
    content: Content,
    route: {
      sender: { id: string; name: string } | null;
      recipients: (Pick<MemberSummary, 'id'> & ({ name: string } | Pick<MemberSummary, 'username' | 'displayName'>))[];
      parent: StarcorpMessage | null;
      announcement: boolean;
      system?: boolean;
    },
  ): Promise<StarcorpMessage> {
    const id = randomUUID();
    return this.messages.insert(
      tx,
      {
        id,
        orgId,
        threadId: route.parent?.threadId ?? id,
        parentMessageId: route.parent?.id ?? null,
        senderUserId: route.sender?.id ?? null,
        senderName: route.sender?.name ?? SYSTEM_NAME,
        subject: content.subject,
        body: content.body,
        priority: content.priority ?? 'normal',
        attachments: (content.attachments ?? []).map(({ name, url }) => ({ name, url })),
        system: route.system ?? false,
        announcement: route.announcement,
        recipientCount: route.recipients.length,
        senderDeletedAt: null,
      },
      route.recipients.map((r) => ({ userId: r.id, name: 'name' in r ? r.name : nameSnapshot(r) })),
    );
  }

  private async dtoIn(tx: EntityManager, message: StarcorpMessage, viewerId: string): Promise<MessageDto> {
    const receipts = message.announcement
      ? []
      : await tx.find(StarcorpMessageRecipient, {
          where: { messageId: message.id },
          order: { recipientName: 'ASC', recipientUserId: 'ASC' },
        });
    return toMessageDto(message, viewerId, null, receipts);
  }
}
