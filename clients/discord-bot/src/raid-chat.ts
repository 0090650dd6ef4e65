import { createHash } from 'node:crypto';
import { type QuartermasterClient, unwrap } from '@quartermaster/sdk';
import { bidProblem } from './commands/bid';
import { errorReply, findSessionByItem, formatPoints, isProblem, parseAmount, problemReply } from './commands/common';
import type { Reply } from './types';

/** A bid read from a raid chat line. */
export interface RaidChatBid {
  characterName: string;
  itemName: string;
  /** Decimal string as the API takes it, e.g. "50" or "12.5". */
  amount: string;
}

export interface ParseOptions {
  /**
   * The relay's own character: EverQuest logs the relay's own raid messages as
   * `You tell your raid, '…'`, which name nobody. With `selfName` they count as that
   * character's bids; without it they are ignored.
   */
  selfName?: string;
}

// [Sun Jun 09 19:59:39 2024] Soandso tells the raid,  'Cloak of Flames 50 dkp'
// [Sun Jun 09 19:59:39 2024] You tell your raid, 'Cloak of Flames 50'
const LINE =
  /^(?:\[[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{1,2}:\d{2}:\d{2} \d{4}\]\s*)?(?:(?<name>[A-Za-z]{2,32}) tells the raid|(?<you>You) tell your raid), *'(?<message>.*)'\s*$/;
// Item Name 50 | Item Name 50dkp | Item Name 50 DKP | Item Name - 50 | Item Name: 50.5 dkp!
const MESSAGE = /^(?<item>.*?[A-Za-z].*?)(?:\s*:\s*|\s+-\s+|\s+)(?<amount>\d{1,9}(?:\.\d{1,2})?)\s*(?:dkp)?\s*[.!]*$/i;

/**
 * Parses one EverQuest raid chat line, as a relay posts it, into a bid. Null for anything else
 * (other channels, chatter without an amount, zero amounts, lines from "You" without a
 * `selfName`). Tolerates one or two spaces after the comma, a `dkp` suffix in any case, the
 * log's timestamp prefix, surrounding whitespace and Discord code formatting.
 */
export function parseRaidChatLine(line: string, options: ParseOptions = {}): RaidChatBid | null {
  const text = line
    .trim()
    .replace(/^`+|`+$/g, '')
    .trim();
  const m = LINE.exec(text);
  if (!m?.groups) return null;
  if (m.groups.name?.toLowerCase() === 'you') return null;
  const characterName = m.groups.you ? options.selfName : m.groups.name;
  if (!characterName) return null;
  const message = MESSAGE.exec(m.groups.message.trim());
  if (!message?.groups) return null;
  const amount = parseAmount(message.groups.amount);
  const itemName = message.groups.item.trim().replace(/\s+/g, ' ');
  if (!amount || !itemName) return null;
  return { characterName: capitalize(characterName), itemName, amount };
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

export interface RaidChatContext {
  api: QuartermasterClient;
  org: string;
  poolId: string;
}

/**
 * Turns a parsed raid chat bid into an API bid. The character names the bidder:
 *
 * 1. `GET dkp/characters/by-name/{name}` → the character's owner (`userId`);
 * 2. `GET dkp/points/users/{userId}` → the owner's linked `discordId` (dkp:read is enough);
 * 3. `POST dkp/bidding/sessions/{id}/bids` with `{ amount, discordId, characterName }`: the bot
 *    key bids on the owner's behalf (bots may), and the bid records which character it was for.
 *
 * So one bidder is one user whichever character speaks, and the balance checks are the
 * owner's. An owner without a linked Discord account cannot bid this way (the API identifies
 * on-behalf bidders by Discord id only); the reply says so. The Idempotency-Key is derived
 * from the auction and the line, so a relay that posts the same line twice places one bid.
 *
 * Returns null (stay quiet) when no auction is open for the item: raid chat is full of
 * chatter that merely looks like "something 50".
 */
export async function handleRaidChatBid(ctx: RaidChatContext, bid: RaidChatBid, line: string): Promise<Reply | null> {
  let session;
  try {
    session = await findSessionByItem(ctx, bid.itemName, 'open');
  } catch (error) {
    return problemReply(error, 'find the auction');
  }
  if (!session) return null;
  let discordId: string | null;
  try {
    const character = await unwrap(
      ctx.api.GET('/api/v1/orgs/{org}/dkp/characters/by-name/{name}', {
        params: { path: { org: ctx.org, name: bid.characterName } },
      }),
    );
    const owner = await unwrap(
      ctx.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}', {
        params: { path: { org: ctx.org, userId: character.userId } },
      }),
    );
    discordId = owner.discordId;
  } catch (error) {
    if (isProblem(error, 404))
      return errorReply(`${bid.characterName} is not on the guild roster; bid on **${session.itemName}** not taken.`);
    return problemReply(error, `take ${bid.characterName}'s bid`);
  }
  if (!discordId) {
    return errorReply(
      `${bid.characterName}'s owner has not linked a Discord account, so their raid chat bids cannot be taken; bid on **${session.itemName}** not taken.`,
    );
  }
  try {
    const result = await unwrap(
      ctx.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/bids', {
        params: {
          path: { org: ctx.org, id: session.id },
          header: { 'Idempotency-Key': raidChatKey(ctx.org, session.id, line) },
        },
        body: { amount: bid.amount, discordId, characterName: bid.characterName },
      }),
    );
    if (result.session.rules.mode === 'sealed')
      return {
        content: `Sealed bid from ${result.bid.characterName ?? bid.characterName} on **${result.session.itemName}** received.`,
      };
    return {
      content: `${result.bid.characterName ?? bid.characterName} (<@${discordId}>) bids **${formatPoints(result.bid.amount)}** on **${result.session.itemName}** (leading bid: ${result.session.leadingAmount ?? result.bid.amount}).`,
    };
  } catch (error) {
    return bidProblem(error, session, bid.amount, bid.characterName);
  }
}

/**
 * The same relayed line for the same auction always yields the same key (a repost is one bid).
 * The auction is part of it: players type the same line ("Cloak of Flames 50") again when the
 * item drops again, and that later auction's bid is a new request, not a replay.
 */
export function raidChatKey(org: string, sessionId: string, line: string): string {
  const digest = createHash('sha256').update(`${org}\n${sessionId}\n${line.trim()}`).digest('hex');
  return `raidchat-${digest.slice(0, 48)}`;
}

/** Parses and handles a relayed message (it may hold several lines). Replies for lines that were bids. */
export async function handleRaidChatMessage(
  ctx: RaidChatContext,
  message: string,
  options: ParseOptions = {},
): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const line of message.split(/\r?\n/)) {
    const bid = parseRaidChatLine(line, options);
    if (!bid) continue;
    const reply = await handleRaidChatBid(ctx, bid, line);
    if (reply) replies.push(reply);
  }
  return replies;
}
