/**
 * The slash commands as Discord's application command JSON (registered by the adapter with a
 * bulk PUT), and the usage strings derived from them so that replies never name a command that
 * does not exist.
 *
 * Discord applies `default_member_permissions` to a whole top-level command, never to one
 * subcommand: officer-only subcommands under `/bid` would hide `/bid` from players too. So the
 * players' `/bid <item> <amount>` is its own command and the officers' auction commands live
 * under `/auction`, which Discord shows only to members with Manage Events by default; `/roster
 * sync` changes roles, so it defaults to Manage Roles. Server admins can change both under
 * Server Settings → Integrations. The bot still checks OFFICER_ROLE_IDS itself (the API sees the
 * bot key, not the person), so both gates must let an officer through.
 */
export const OPTION = { SUB: 1, STRING: 3, USER: 6, NUMBER: 10 } as const;

/** Discord permission bits (as decimal strings, as the API wants them). */
export const PERMISSIONS = {
  ManageRoles: String(1n << 28n),
  ManageEvents: String(1n << 33n),
} as const;

/** The largest amount the API stores (numeric(12,2)). */
export const MAX_POINTS = 999_999_999.99;

interface OptionDefinition {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  options?: readonly OptionDefinition[];
}

export interface CommandDefinition {
  name: string;
  description: string;
  default_member_permissions?: string;
  options?: readonly OptionDefinition[];
}

const text = (name: string, description: string, required = false, autocomplete = false): OptionDefinition => ({
  type: OPTION.STRING,
  name,
  description,
  required,
  ...(autocomplete ? { autocomplete } : {}),
});

const points = (name: string, description: string, required: boolean, min: number): OptionDefinition => ({
  type: OPTION.NUMBER,
  name,
  description,
  required,
  min_value: min,
  max_value: MAX_POINTS,
});

const sub = (name: string, description: string, options: OptionDefinition[] = []): OptionDefinition => ({
  type: OPTION.SUB,
  name,
  description,
  options,
});

export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [
  {
    name: 'dkp',
    description: 'DKP balances and standings',
    options: [
      sub('balance', 'Your DKP balance, or another member’s', [
        { type: OPTION.USER, name: 'user', description: 'Whose balance (default: yours)', required: false },
      ]),
      sub('leaderboard', 'Top 10 of a pool', [text('pool', 'Pool name (default: the main pool)')]),
    ],
  },
  {
    name: 'bid',
    description: 'Bid DKP on an open loot auction',
    options: [
      text('item', 'Item being auctioned', true, true),
      points('amount', 'DKP to bid, e.g. 50 or 12.5', true, 0.01),
      text('character', 'Which of your characters it is for'),
    ],
  },
  {
    name: 'auction',
    description: 'Officers: run loot auctions',
    default_member_permissions: PERMISSIONS.ManageEvents,
    options: [
      sub('start', 'Open an auction for a dropped item', [
        text('item', 'Item name', true),
        points('min', 'Minimum bid (default: the pool’s)', false, 0),
        text('raid', 'Raid: "current", the event name, or pick one', false, true),
      ]),
      sub('close', 'End bidding and show the winners', [text('item', 'Item being auctioned', true, true)]),
      sub('award', 'Debit the winners of closed auctions', [
        text('item', 'Only this item (default: every closed auction)', false, true),
      ]),
      sub('cancel', 'Cancel an auction', [text('item', 'Item being auctioned', true, true)]),
    ],
  },
  {
    name: 'roster',
    description: 'Guild roster',
    default_member_permissions: PERMISSIONS.ManageRoles,
    options: [sub('sync', 'Officers: make Discord roles match the guild roster')],
  },
];

/** The options a command (or one of its subcommands) takes; throws for a command that does not exist. */
export function commandOptions(command: string, subcommand?: string): readonly OptionDefinition[] {
  const definition = COMMAND_DEFINITIONS.find((c) => c.name === command);
  const options = subcommand
    ? definition?.options?.find((o) => o.type === OPTION.SUB && o.name === subcommand)?.options
    : definition?.options?.filter((o) => o.type !== OPTION.SUB);
  if (!definition || !options) throw new Error(`No slash command /${command} ${subcommand ?? ''}`.trim());
  return options;
}

/**
 * How to type a command, from its definition: its required options (and the optional ones given
 * in `values`) as Discord shows them, e.g. `/bid item:Cloak of Flames amount:<amount>`.
 */
export function usage(command: string, subcommand?: string, values: Record<string, string> = {}): string {
  const shown = commandOptions(command, subcommand).filter((o) => o.required || values[o.name] !== undefined);
  const parts = shown.map((o) => `${o.name}:${values[o.name] ?? `<${o.name}>`}`);
  return ['/' + command, ...(subcommand ? [subcommand] : []), ...parts].join(' ');
}
