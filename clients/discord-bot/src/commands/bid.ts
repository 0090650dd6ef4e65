import { newIdempotencyKey, unwrap, type ProblemError, type Schema } from '@quartermaster/sdk';
import type { CommandContext, Reply } from '../types';
import {
  COLORS,
  errorReply,
  findSessionByItem,
  formatPoints,
  isProblem,
  parseAmount,
  problemReply,
  requireOfficer,
  userLabeler,
  type BidSession,
} from './common';

type SessionDetail = Schema<'BidSessionDetailDto'>;

const LINK_HINT = 'Link it on the Quartermaster website (Profile → Link Discord).';

/** `/bid start <item> [min] [raid]`: opens an auction in the default pool (officers). */
export async function bidStart(
  ctx: CommandContext,
  options: { item: string; min?: string; raidId?: string },
): Promise<Reply> {
  const denied = requireOfficer(ctx, 'start an auction');
  if (denied) return denied;
  const item = options.item.trim();
  if (!item) return errorReply('Name the item to auction.');
  let minBid: string | undefined;
  if (options.min !== undefined && options.min.trim() !== '') {
    const parsed = parseAmount(options.min);
    if (!parsed) return errorReply(`"${options.min}" is not a DKP amount (e.g. 10 or 12.5).`);
    minBid = parsed;
  }
  try {
    const existing = await findSessionByItem(ctx, item, 'open');
    if (existing && existing.poolId === ctx.poolId) {
      return errorReply(
        `An auction for **${existing.itemName}** is already open (closes <t:${epoch(existing.closesAt)}:R>).`,
      );
    }
    const session = await unwrap(
      ctx.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions', {
        params: { path: { org: ctx.org }, header: { 'Idempotency-Key': newIdempotencyKey() } },
        body: {
          itemName: item,
          poolId: ctx.poolId,
          ...(minBid ? { minBid } : {}),
          ...(options.raidId ? { raidId: options.raidId } : {}),
        },
      }),
    );
    const sealed = session.rules.mode === 'sealed';
    return {
      content: `Bidding is open on **${session.itemName}**${session.quantity > 1 ? ` (×${session.quantity})` : ''}: minimum ${formatPoints(session.minBid)}, closes <t:${epoch(session.closesAt)}:R>. Bid with \`/bid ${session.itemName} <amount>\`.`,
      embeds: [
        {
          title: session.itemName,
          color: COLORS.info,
          fields: [
            { name: 'Minimum', value: session.minBid, inline: true },
            {
              name: 'Auction',
              value: `${sealed ? 'sealed' : 'open'}, ${session.rules.pricing === 'second_price' ? 'second price' : 'first price'}`,
              inline: true,
            },
            { name: 'Closes', value: `<t:${epoch(session.closesAt)}:t>`, inline: true },
          ],
        },
      ],
    };
  } catch (error) {
    if (isProblem(error, 404))
      return errorReply(
        options.raidId
          ? 'That raid does not exist in this guild.'
          : 'The default pool does not exist in this guild; check QM_POOL_ID.',
      );
    return problemReply(error, `start the auction for ${item}`);
  }
}

/** `/bid <item> <amount>`: a bid for the invoker, by Discord id, on the open auction for that item. */
export async function bidPlace(
  ctx: CommandContext,
  options: { item: string; amount: string; characterName?: string; idempotencyKey?: string },
): Promise<Reply> {
  const amount = parseAmount(options.amount);
  if (!amount) return errorReply(`"${options.amount}" is not a DKP amount (e.g. 25 or 25.5).`);
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

/** `/bid close <item>`: ends bidding on the open auction for that item and shows the winners (officers). */
export async function bidClose(ctx: CommandContext, options: { item: string }): Promise<Reply> {
  const denied = requireOfficer(ctx, 'close an auction');
  if (denied) return denied;
  try {
    const session = await findSessionByItem(ctx, options.item, 'open');
    if (!session) return errorReply(`There is no open auction for **${options.item.trim()}**.`);
    const closed = await unwrap(
      ctx.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/close', {
        params: { path: { org: ctx.org, id: session.id } },
      }),
    );
    const winners = await describeWinners(ctx, closed);
    return {
      content: winners.length
        ? `Bidding on **${closed.itemName}** is closed. ${winners.length > 1 ? 'Winners' : 'Winner'}: ${winners.join(', ')}. Award it with \`/bid award ${closed.itemName}\`.`
        : `Bidding on **${closed.itemName}** is closed with no bids.`,
      embeds: [
        {
          title: `${closed.itemName}: closed`,
          description: `${closed.bidCount} bid${closed.bidCount === 1 ? '' : 's'}`,
          color: COLORS.warning,
          fields: winners.length ? [{ name: 'Winners', value: winners.join('\n') }] : undefined,
        },
      ],
    };
  } catch (error) {
    if (isProblem(error, 409, 'auction-cancelled'))
      return errorReply(`The auction for **${options.item.trim()}** was cancelled.`);
    return problemReply(error, `close the auction for ${options.item.trim()}`);
  }
}

/**
 * `/bid award [item]`: debits the winners of closed auctions (one loot award each). Without an
 * item, every closed auction of the org; awarding is idempotent on the API side.
 */
export async function bidAward(ctx: CommandContext, options: { item?: string } = {}): Promise<Reply> {
  const denied = requireOfficer(ctx, 'award loot');
  if (denied) return denied;
  let sessions: BidSession[];
  try {
    if (options.item?.trim()) {
      const one = await findSessionByItem(ctx, options.item, 'closed');
      if (!one) {
        const open = await findSessionByItem(ctx, options.item, 'open');
        return errorReply(
          open
            ? `Bidding on **${open.itemName}** is still open; close it first with \`/bid close ${open.itemName}\`.`
            : `There is no closed auction for **${options.item.trim()}** waiting to be awarded.`,
        );
      }
      sessions = [one];
    } else {
      sessions = await unwrap(
        ctx.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', {
          params: { path: { org: ctx.org }, query: { status: 'closed' } },
        }),
      );
      if (!sessions.length) return errorReply('There are no closed auctions waiting to be awarded.');
    }
  } catch (error) {
    return problemReply(error, 'find the auctions to award');
  }
  const lines: string[] = [];
  let failures = 0;
  for (const session of sessions) {
    try {
      const awarded = await unwrap(
        ctx.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/award', {
          params: { path: { org: ctx.org, id: session.id } },
        }),
      );
      const winners = await describeWinners(ctx, awarded);
      lines.push(
        winners.length
          ? `**${awarded.itemName}** → ${winners.join(', ')}`
          : `**${awarded.itemName}**: no winner (no bids)`,
      );
    } catch (error) {
      failures++;
      const why = isProblem(error, 409)
        ? ((error as ProblemError).detail ?? 'refused')
        : problemReply(error, 'award').content;
      lines.push(`**${session.itemName}**: not awarded — ${why}`);
    }
  }
  const done = sessions.length - failures;
  return {
    content: `Awarded ${done} of ${sessions.length} auction${sessions.length === 1 ? '' : 's'}.`,
    embeds: [
      { title: 'Loot awarded', description: lines.join('\n'), color: failures ? COLORS.warning : COLORS.success },
    ],
  };
}

/** `/bid cancel <item>`: drops the open (or closed, not yet awarded) auction for that item (officers). */
export async function bidCancel(ctx: CommandContext, options: { item: string }): Promise<Reply> {
  const denied = requireOfficer(ctx, 'cancel an auction');
  if (denied) return denied;
  try {
    const session =
      (await findSessionByItem(ctx, options.item, 'open')) ?? (await findSessionByItem(ctx, options.item, 'closed'));
    if (!session) return errorReply(`There is no open or closed auction for **${options.item.trim()}**.`);
    await unwrap(
      ctx.api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/cancel', {
        params: { path: { org: ctx.org, id: session.id } },
      }),
    );
    return { content: `The auction for **${session.itemName}** was cancelled; no DKP changes hands.` };
  } catch (error) {
    return problemReply(error, `cancel the auction for ${options.item.trim()}`);
  }
}

/** "@user (Character) for 20.00 DKP" per winner. */
async function describeWinners(ctx: CommandContext, session: SessionDetail): Promise<string[]> {
  const label = userLabeler(ctx);
  return Promise.all(
    session.winners.map(
      async (w) =>
        `${await label(w.userId)}${w.characterName ? ` (${w.characterName})` : ''} for ${formatPoints(w.price)}`,
    ),
  );
}

function epoch(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}
