import type { FieldError } from '../../../../platform/http/problem';

export const MESSAGE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type MessagePriority = (typeof MESSAGE_PRIORITIES)[number];

export const MAX_RECIPIENTS = 50;
export const MAX_ATTACHMENTS = 5;

/** A link attached to a message. */
export interface MessageAttachment {
  name: string;
  url: string;
}

/** The event types messages record (subject: the message id). */
export const MESSAGE_EVENTS = {
  sent: 'starcorp.message.sent',
  announced: 'starcorp.announcement.published',
} as const;

/** How a message names a person: their display name when they have one, else their username. */
export function nameSnapshot(user: { username: string; displayName: string | null }): string {
  return (user.displayName?.trim() || user.username).slice(0, 100);
}

/**
 * The `recipientUserIds` that are not members who may receive messages, as field errors
 * (`recipientUserIds.2`): a non-member is bad input, never a hint about who exists.
 */
export function recipientErrors(requested: readonly string[], members: ReadonlySet<string>): FieldError[] {
  return requested.flatMap((id, index) =>
    members.has(id)
      ? []
      : [
          {
            path: `recipientUserIds.${index}`,
            message: 'is not a member of this organization who can receive messages',
          },
        ],
  );
}

/** One side of a message for one user: what they may see and delete. */
export interface Participation {
  /** They sent it and have not deleted it. */
  asSender: boolean;
  /** They received it and have not deleted it. */
  asRecipient: boolean;
}

export function isParticipant(p: Participation): boolean {
  return p.asSender || p.asRecipient;
}

/**
 * Whether a message is gone for everyone once deleted on its sides: the sender's side is gone when
 * they deleted it or when there is none (a system message), and no receipt is left undeleted.
 */
export function shouldPurge(
  message: { senderUserId: string | null; senderDeletedAt: Date | null },
  undeletedReceipts: number,
): boolean {
  const senderGone = message.senderUserId === null || message.senderDeletedAt !== null;
  return senderGone && undeletedReceipts === 0;
}
