import { newIdempotencyKey, unwrap, type ProblemError } from '@quartermaster/sdk';
import type { CommandContext, Reply } from '../types';
import {
  errorReply,
  findSessionByItem,
  formatPoints,
  isProblem,
  pointsFromNumber,
  problemReply,
  type BidSession,
} from './common';

const LINK_HINT = 'Link it on the Quartermaster website (Profile → Link Discord).';

/**
 * `/bid <item> <amount> [character]`: a bid for the invoker, by Discord id, on the open auction
 * for that item. `amount` comes from a Discord NUMBER option.
 */
export async function bidPlace(
  ctx: CommandContext,
  options: { item: string; amount: number; characterName?: string; idempotencyKey?: string },
): Promise<Reply> {
  const amount = pointsFromNumber(options.amount);
  if (!amount) return errorReply(`${options.amount} is not a DKP bid (more than 0, at most two decimals, e.g. 25.5).`);
  let session: BidSession | null;
  try {
    session = await findSessionByItem(ctx, options.item, 'open');
  } catch (error) {
    return problemReply(error, 'find the auction');
  }
  if (!session) return errorReply(`There is no open auction for **${options.item.trim()}**.`);
  const sealed = session.rules.mode === 'sealed';
  try {
    const result = await unwrap(
      ctx.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/bids', {
        params: {
          path: { org: ctx.org, id: session.id },
          header: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
        },
        body: {
          amount,
          discordId: ctx.invoker.discordId,
          ...(options.characterName ? { characterName: options.characterName } : {}),
        },
      }),
    );
    const on = options.characterName ? ` for ${result.bid.characterName ?? options.characterName}` : '';
    if (sealed)
      return {
        content: `Your sealed bid of **${formatPoints(result.bid.amount)}**${on} on **${result.session.itemName}** is in. Bids are revealed when it closes.`,
        ephemeral: true,
      };
    return {
      content: `<@${ctx.invoker.discordId}> bids **${formatPoints(result.bid.amount)}**${on} on **${result.session.itemName}** (leading bid: ${result.session.leadingAmount ?? result.bid.amount}).`,
    };
  } catch (error) {
    return bidProblem(error, session, amount);
  }
}

/** Player-facing wording for the ways a bid is refused. */
export function bidProblem(error: unknown, session: Pick<BidSession, 'itemName'>, amount: string, who = 'You'): Reply {
  const item = `**${session.itemName}**`;
  const you = who === 'You';
  if (isProblem(error, 409, 'bid-too-low')) {
    const minimum = (error as ProblemError).body.minimumBid;
    return errorReply(
      `${amount} is too low for ${item}: the lowest bid accepted now is **${formatPoints(String(minimum ?? '?'))}**.`,
    );
  }
  if (isProblem(error, 409, 'bid-exceeds-balance')) {
    const max = (error as ProblemError).body.maxBid;
    return errorReply(
      `${amount} is more than ${you ? 'you' : who} can spend: ${you ? 'your' : 'their'} limit is **${formatPoints(String(max ?? '?'))}** (balance minus what ${you ? 'you' : 'they'} already lead with in other open auctions).`,
    );
  }
  if (isProblem(error, 409, 'auction-closed')) return errorReply(`The auction for ${item} is closed; no more bids.`);
  if (isProblem(error, 404) && /discord/i.test((error as ProblemError).detail ?? '')) {
    return errorReply(
      you
        ? `Your Discord account is not linked to a member of this guild. ${LINK_HINT}`
        : `${who}'s Discord account is not linked to a member of this guild.`,
    );
  }
  if (isProblem(error, 404)) return errorReply(`The auction for ${item} no longer exists.`);
  return problemReply(error, `bid on ${session.itemName}`);
}
