import type { QuartermasterClient } from '@quartermaster/sdk';

/** Who ran a command, as the Discord adapter sees them. */
export interface Invoker {
  /** Discord user id (snowflake). */
  discordId: string;
  displayName: string;
  /** Holds one of the officer roles (OFFICER_ROLE_IDS) in the guild. */
  isOfficer: boolean;
}

/** A Discord user named in a command option (e.g. `/dkp balance user:@someone`). */
export interface DiscordUserRef {
  discordId: string;
  displayName: string;
}

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** A Discord embed as plain data; the adapter turns it into an EmbedBuilder. */
export interface Embed {
  title: string;
  description?: string;
  fields?: EmbedField[];
  color?: number;
}

/** What a command answers, as plain data (no discord.js types). */
export interface Reply {
  content: string;
  embeds?: Embed[];
  /** Only the invoker sees it (errors, sealed-auction bids). */
  ephemeral?: boolean;
}

/**
 * Everything a command handler needs. The bot calls the API with its own bot key, so the API
 * sees the bot, not the invoker: officer-only commands are gated here by `invoker.isOfficer`
 * (from the guild's officer roles), and bids name the invoker by Discord id.
 */
export interface CommandContext {
  api: QuartermasterClient;
  /** Org slug. */
  org: string;
  /** The pool auctions start in and balances/leaderboards default to. */
  poolId: string;
  invoker: Invoker;
  /** Optional early answer (e.g. "syncing…") before a slow command finishes; the returned Reply is final. */
  reply?: (reply: Reply) => Promise<void>;
}

export const COLORS = { info: 0x3b82f6, success: 0x22c55e, warning: 0xf59e0b, error: 0xef4444 } as const;
