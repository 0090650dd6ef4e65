import type { CommandContext, DiscordUserRef, Reply } from '../types';
import { auctionAward, auctionCancel, auctionClose, auctionStart } from './auction';
import { bidPlace } from './bid';
import { errorReply, suggestItems } from './common';
import { dkpBalance, dkpLeaderboard } from './dkp';
import { suggestRaids } from './raids';
import { rosterSync, type GuildRoleAdapter } from './roster';

export * from './auction';
export * from './bid';
export * from './common';
export * from './definitions';
export * from './dkp';
export * from './raids';
export * from './roster';

/** Option values as Discord sends them: strings, numbers (NUMBER options) and users. */
export type CommandOptions = Record<string, string | number | DiscordUserRef | undefined>;

const str = (value: CommandOptions[string]): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: CommandOptions[string]): number | undefined => (typeof value === 'number' ? value : undefined);

/** Routes `/command subcommand` with its options to a handler. The adapter calls this for every slash command. */
export async function runCommand(
  ctx: CommandContext,
  command: string,
  subcommand: string | null,
  options: CommandOptions,
  guild: GuildRoleAdapter,
): Promise<Reply> {
  const key = `${command} ${subcommand ?? ''}`.trim();
  const item = str(options.item) ?? '';
  switch (key) {
    case 'dkp balance':
      return dkpBalance(ctx, { user: typeof options.user === 'object' ? options.user : undefined });
    case 'dkp leaderboard':
      return dkpLeaderboard(ctx, { pool: str(options.pool) });
    case 'bid':
      return bidPlace(ctx, { item, amount: num(options.amount) ?? NaN, characterName: str(options.character) });
    case 'auction start':
      return auctionStart(ctx, { item, min: num(options.min), raid: str(options.raid) });
    case 'auction close':
      return auctionClose(ctx, { item });
    case 'auction award':
      return auctionAward(ctx, { item: str(options.item) });
    case 'auction cancel':
      return auctionCancel(ctx, { item });
    case 'roster sync':
      return rosterSync(ctx, guild);
    default:
      return errorReply(`Unknown command /${key}.`);
  }
}

export interface Choice {
  name: string;
  value: string;
}

/**
 * Autocomplete choices for the option being typed: items of open auctions (closed ones for
 * `/auction award`), and for `/auction start raid:` "current" and recent raids by id.
 */
export async function autocomplete(
  ctx: Pick<CommandContext, 'api' | 'org' | 'poolId'>,
  command: string,
  subcommand: string | null,
  option: string,
  typed: string,
): Promise<Choice[]> {
  if (option === 'raid') return suggestRaids(ctx, typed);
  if (option !== 'item') return [];
  const status = command === 'auction' && subcommand === 'award' ? 'closed' : 'open';
  return (await suggestItems(ctx, typed, status)).map((name) => ({ name, value: name }));
}
