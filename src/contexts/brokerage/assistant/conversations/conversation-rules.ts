import { StateMachine } from '../../../../platform/domain/state-machine';

export const CONVERSATION_STATUSES = ['active', 'completed', 'archived'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Active conversations take messages; a completed one can be reopened; an archived one is read-only. */
export const CONVERSATION_LIFECYCLE = new StateMachine<ConversationStatus>('conversation', {
  active: ['completed', 'archived'],
  completed: ['active', 'archived'],
  archived: [],
});

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** The records a conversation is about; a document's text is given to the model with each message. */
export interface ConversationContext {
  documentId?: string;
}

export interface ToolCallRecord {
  name: string;
  arguments: Record<string, unknown>;
  /** False when the tool refused the arguments or the record was not found. */
  ok: boolean;
}

export interface MessageMetadata {
  model?: string;
  finishReason?: string | null;
  toolCalls?: ToolCallRecord[];
}

/** The first day (UTC) of the month `now` is in: the token budget counts from there. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
