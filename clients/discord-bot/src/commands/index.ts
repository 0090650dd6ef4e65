import type { CommandContext, DiscordUserRef, Reply } from '../types';
import { bidAward, bidCancel, bidClose, bidPlace, bidStart } from './bid';
import { errorReply } from './common';
import { dkpBalance, dkpLeaderboard } from './dkp';
import { rosterSync, type GuildRoleAdapter } from './roster';

export * from './bid';
export * from './common';
export * from './dkp';
export * from './roster';

/**
 * The slash commands as Discord's application command JSON (registered by the adapter with a
 * bulk PUT). Discord does not allow a command to take both subcommands and its own options, so
 * `/bid <item> <amount>` is `/bid place <item> <amount>` beside `/bid start|close|award|cancel`.
 */
const STRING = 3;
const USER = 6;
const SUB = 1;
const opt = (name: string, description: string, required = false, autocomplete = false) => ({
  type: STRING,
  name,
  description,
  required,
  ...(autocomplete ? { autocomplete } : {}),
});

export const COMMAND_DEFINITIONS = [
  {
    name: 'dkp',
    description: 'DKP balances and standings',
    options: [
      {
        type: SUB,
        name: 'balance',
        description: 'Your DKP balance, or another member’s',
        options: [{ type: USER, name: 'user', description: 'Whose balance (default: yours)', required: false }],
      },
      {
        type: SUB,
        name: 'leaderboard',
        description: 'Top 10 of a pool',
        options: [opt('pool', 'Pool name (default: the main pool)')],
      },
    ],
  },
  {
    name: 'bid',
    description: 'Loot auctions',
    options: [
      {
        type: SUB,
        name: 'place',
        description: 'Bid on an open auction',
        options: [
          opt('item', 'Item being auctioned', true, true),
          opt('amount', 'DKP to bid, e.g. 50', true),
          opt('character', 'Which of your characters it is for'),
        ],
      },
      {
        type: SUB,
        name: 'start',
        description: 'Officers: open an auction for a dropped item',
        options: [
          opt('item', 'Item name', true),
          opt('min', 'Minimum bid'),
          opt('raid', 'Raid id to bind the auction to'),
        ],
      },
      {
        type: SUB,
        name: 'close',
        description: 'Officers: end bidding and show the winners',
        options: [opt('item', 'Item being auctioned', true, true)],
      },
      {
        type: SUB,
        name: 'award',
        description: 'Officers: debit the winners of closed auctions',
        options: [opt('item', 'Only this item (default: every closed auction)', false, true)],
      },
      {
        type: SUB,
        name: 'cancel',
        description: 'Officers: cancel an auction',
        options: [opt('item', 'Item being auctioned', true, true)],
      },
    ],
  },
  {
    name: 'roster',
    description: 'Guild roster',
    options: [{ type: SUB, name: 'sync', description: 'Officers: make Discord roles match the guild roster' }],
  },
] as const;

export type CommandOptions = Record<string, string | DiscordUserRef | undefined>;

const str = (value: string | DiscordUserRef | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Routes `/command subcommand` with its options to a handler. The adapter calls this for every slash command. */
export async function runCommand(
  ctx: CommandContext,
  command: string,
  subcommand: string | null,
  options: CommandOptions,
  guild: GuildRoleAdapter,
): Promise<Reply> {
  const key = `${command} ${subcommand ?? ''}`.trim();
  switch (key) {
    case 'dkp balance':
      return dkpBalance(ctx, { user: typeof options.user === 'object' ? options.user : undefined });
    case 'dkp leaderboard':
      return dkpLeaderboard(ctx, { pool: str(options.pool) });
    case 'bid place':
      return bidPlace(ctx, {
        item: str(options.item) ?? '',
        amount: str(options.amount) ?? '',
        characterName: str(options.character),
      });
    case 'bid start':
      return bidStart(ctx, { item: str(options.item) ?? '', min: str(options.min), raidId: str(options.raid) });
    case 'bid close':
      return bidClose(ctx, { item: str(options.item) ?? '' });
    case 'bid award':
      return bidAward(ctx, { item: str(options.item) });
    case 'bid cancel':
      return bidCancel(ctx, { item: str(options.item) ?? '' });
    case 'roster sync':
      return rosterSync(ctx, guild);
    default:
      return errorReply(`Unknown command /${key}.`);
  }
}
