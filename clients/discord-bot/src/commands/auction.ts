import { newIdempotencyKey, unwrap, type ProblemError, type Schema } from '@quartermaster/sdk';
import type { CommandContext, Reply } from '../types';
import {
  COLORS,
  errorReply,
  findSessionByItem,
  formatPoints,
  isProblem,
  itemsOf,
  pointsFromNumber,
  problemReply,
  requireOfficer,
  userLabeler,
  type BidSession,
} from './common';
import { usage } from './definitions';
import { raidLabel, resolveRaid, type Raid } from './raids';

type SessionDetail = Schema<'BidSessionDetailDto'>;

/**
 * `/auction start <item> [min] [raid]`: opens an auction in the default pool (officers). `raid`
 * is "current", an event name or a raid id (autocomplete offers recent raids by id).
 */
export async function auctionStart(
  ctx: CommandContext,
  options: { item: string; min?: number; raid?: string },
): Promise<Reply> {
  const denied = requireOfficer(ctx, 'start an auction');
  if (denied) return denied;
  const item = options.item.trim();
  if (!item) return errorReply('Name the item to auction.');
  const minBid = options.min === undefined ? undefined : pointsFromNumber(options.min, true);
  if (minBid === null) return errorReply(`${options.min} is not a minimum bid (0 or more, at most two decimals).`);
  try {
    let raid: Raid | undefined;
    if (options.raid?.trim()) {
      const choice = await resolveRaid(ctx, options.raid);
      if ('error' in choice) return errorReply(choice.error);
      raid = choice.raid;
    }
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
          ...(raid ? { raidId: raid.id } : {}),
        },
      }),
    );
    return startedReply(session, raid);
  } catch (error) {
    if (isProblem(error, 404))
      return errorReply('The default pool does not exist in this guild any more; check QM_POOL_ID.');
    return problemReply(error, `start the auction for ${item}`);
  }
}

function startedReply(session: SessionDetail | BidSession, raid?: Raid): Reply {
  const sealed = session.rules.mode === 'sealed';
  const bid = usage('bid', undefined, { item: session.itemName });
  const quantity = session.quantity > 1 ? ` (×${session.quantity})` : '';
  return {
    content: `Bidding is open on **${session.itemName}**${quantity}: minimum ${formatPoints(session.minBid)}, closes <t:${epoch(session.closesAt)}:R>. Bid with \`${bid}\`.`,
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
          ...(raid ? [{ name: 'Raid', value: raidLabel(raid) }] : []),
        ],
      },
    ],
  };
}

/** `/auction close <item>`: ends bidding on the open auction for that item and shows the winners (officers). */
export async function auctionClose(ctx: CommandContext, options: { item: string }): Promise<Reply> {
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
    const award = usage('auction', 'award', { item: closed.itemName });
    return {
      content: winners.length
        ? `Bidding on **${closed.itemName}** is closed. ${winners.length > 1 ? 'Winners' : 'Winner'}: ${winners.join(', ')}. Award it with \`${award}\`.`
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

/** The closed auctions `/auction award [item]` is about, or a reply saying why there are none. */
async function sessionsToAward(ctx: CommandContext, item?: string): Promise<BidSession[] | Reply> {
  if (!item?.trim()) {
    const sessions = itemsOf(
      await unwrap(
        ctx.api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', {
          params: { path: { org: ctx.org }, query: { status: 'closed' } },
        }),
      ),
    );
    return sessions.length ? sessions : errorReply('There are no closed auctions waiting to be awarded.');
  }
  const one = await findSessionByItem(ctx, item, 'closed');
  if (one) return [one];
  const open = await findSessionByItem(ctx, item, 'open');
  return errorReply(
    open
      ? `Bidding on **${open.itemName}** is still open; close it first with \`${usage('auction', 'close', { item: open.itemName })}\`.`
      : `There is no closed auction for **${item.trim()}** waiting to be awarded.`,
  );
}

/**
 * `/auction award [item]`: debits the winners of closed auctions (one loot award each). Without
 * an item, every closed auction of the org; awarding is idempotent on the API side.
 */
export async function auctionAward(ctx: CommandContext, options: { item?: string } = {}): Promise<Reply> {
  const denied = requireOfficer(ctx, 'award loot');
  if (denied) return denied;
  let sessions: BidSession[] | Reply;
  try {
    sessions = await sessionsToAward(ctx, options.item);
  } catch (error) {
    return problemReply(error, 'find the auctions to award');
  }
  if (!Array.isArray(sessions)) return sessions;
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
  return {
    content: `Awarded ${sessions.length - failures} of ${sessions.length} auction${sessions.length === 1 ? '' : 's'}.`,
    embeds: [
      { title: 'Loot awarded', description: lines.join('\n'), color: failures ? COLORS.warning : COLORS.success },
    ],
  };
}

/** `/auction cancel <item>`: drops the open (or closed, not yet awarded) auction for that item (officers). */
export async function auctionCancel(ctx: CommandContext, options: { item: string }): Promise<Reply> {
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
