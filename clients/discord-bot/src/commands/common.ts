import { ProblemError, unwrap, type Schema } from '@quartermaster/sdk';
import { COLORS, type CommandContext, type Reply } from '../types';
import { MAX_POINTS } from './definitions';

export type BidSession = Schema<'BidSessionDto'>;
export type BidSessionStatus = Schema<'BidSessionStatus'>;

/** An error reply only the invoker sees. */
export function errorReply(content: string): Reply {
  return { content, ephemeral: true };
}

/** The officer gate for commands that run auctions or roles (the API sees the bot, not the invoker). */
export function requireOfficer(ctx: CommandContext, what: string): Reply | null {
  return ctx.invoker.isOfficer ? null : errorReply(`Only officers can ${what}.`);
}

/** A DKP amount as typed in Discord or chat: `50`, `50.5`, `50 dkp`, `50DKP`. Null when it is not one. */
export function parseAmount(text: string): string | null {
  const match = /^\s*(\d{1,9}(?:\.\d{1,2})?)\s*(?:dkp)?\s*$/i.exec(text);
  if (!match) return null;
  const amount = match[1].replace(/^0+(?=\d)/, '');
  return Number(amount) > 0 ? amount : null;
}

/**
 * A DKP amount from a Discord NUMBER option as the API's decimal string ("50", "12.5"), or null
 * when it is not one: negative, zero (unless `allowZero`: a minimum bid may be 0), more than two
 * decimals (refused rather than rounded: 12.345 is a typo, not 12.35) or beyond what the API
 * stores. Discord's min_value already holds most of this back; the check stays because the
 * handlers do not trust their caller.
 */
export function pointsFromNumber(value: number, allowZero = false): string | null {
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero) || value > MAX_POINTS) return null;
  const cents = Math.round(value * 100);
  if (Math.abs(value * 100 - cents) > 1e-6) return null;
  return (cents / 100).toFixed(2).replace(/\.?0+$/, '');
}

/**
 * The items of a list answer, bare array or page (`{ items, ... }`): the API moves its lists to
 * pages one by one, and the bot reads both shapes so that it does not break in between.
 */
export function itemsOf<T>(list: readonly T[] | { items: readonly T[] }): T[] {
  return [...(Array.isArray(list) ? list : (list as { items: readonly T[] }).items)];
}

/**
 * A reply for an API failure the command has no specific wording for. Everything specific
 * (bid too low, not linked, …) is handled by the command itself before falling back here.
 */
export function problemReply(error: unknown, doing: string): Reply {
  if (!(error instanceof ProblemError)) {
    return errorReply(`Could not ${doing}: the DKP service is unreachable right now. Try again in a moment.`);
  }
  if (error.status === 401)
    return errorReply(`Could not ${doing}: the bot's API key was rejected (revoked or expired). Tell an admin.`);
  if (error.status === 403)
    return errorReply(
      `Could not ${doing}: the bot's API key lacks the permission for that (${error.detail ?? error.title}). Tell an admin.`,
    );
  if (error.status === 429) return errorReply(`Could not ${doing}: too many requests, try again in a few seconds.`);
  if (error.status === 400) {
    const fields = error.errors.map((e) => e.message).join('; ');
    return errorReply(`Could not ${doing}: ${fields || error.detail || error.title}.`);
  }
  if (error.status >= 500)
    return errorReply(`Could not ${doing}: the DKP service failed (request ${error.requestId ?? 'unknown'}).`);
  return errorReply(`Could not ${doing}: ${error.detail ?? error.title}.`);
}

export function isProblem(error: unknown, status: number, slug?: string): error is ProblemError {
  return error instanceof ProblemError && error.status === status && (slug === undefined || error.slug === slug);
}

/** Ids in the API are UUIDs; anything else a user types is a name. */
export const isUuid = (text: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim());

export const norm = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The session for an item name among sessions in `status` (case- and space-insensitive).
 * Several matches (the same item dropped twice in different pools): the default pool's, then
 * the one closing soonest (the API lists soonest first).
 */
export async function findSessionByItem(
  ctx: Pick<CommandContext, 'api' | 'org' | 'poolId'>,
  itemName: string,
  status: BidSessionStatus,
): Promise<BidSession | null> {
  const sessions = itemsOf(
    await unwrap(
      ctx.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', { params: { path: { org: ctx.org }, query: { status } } }),
    ),
  );
  const matches = sessions.filter((s) => norm(s.itemName) === norm(itemName));
  return matches.find((s) => s.poolId === ctx.poolId) ?? matches[0] ?? null;
}

/** Names users by Discord mention when linked, else username; one API call per user per command. */
export function userLabeler(ctx: Pick<CommandContext, 'api' | 'org'>): (userId: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (userId) => {
    let label = cache.get(userId);
    if (!label) {
      label = unwrap(
        ctx.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}', { params: { path: { org: ctx.org, userId } } }),
      ).then(
        (u) => (u.discordId ? `<@${u.discordId}>` : u.username),
        () => `user ${userId.slice(0, 8)}`,
      );
      cache.set(userId, label);
    }
    return label;
  };
}

export function formatPoints(amount: string | null | undefined): string {
  return `${amount ?? '0.00'} DKP`;
}

export { COLORS };

/** Item names of auctions in `status` starting with / containing `typed`, for slash command autocomplete. */
export async function suggestItems(
  ctx: Pick<CommandContext, 'api' | 'org'>,
  typed: string,
  status: BidSessionStatus = 'open',
): Promise<string[]> {
  const sessions = itemsOf(
    await unwrap(
      ctx.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', { params: { path: { org: ctx.org }, query: { status } } }),
    ),
  );
  const q = norm(typed);
  const names = [...new Set(sessions.map((s) => s.itemName))];
  return names
    .filter((n) => norm(n).includes(q))
    .sort((a, b) => Number(norm(b).startsWith(q)) - Number(norm(a).startsWith(q)) || a.localeCompare(b))
    .slice(0, 25);
}
