import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type GuildMember,
  type Message,
  MessageFlags,
  Partials,
  REST,
  Routes,
} from 'discord.js';
import type { QuartermasterClient } from '@quartermaster/sdk';
import { autocomplete, COMMAND_DEFINITIONS, runCommand, type CommandOptions, type GuildRoleAdapter } from './commands';
import { handleRaidChatMessage } from './raid-chat';
import { describeRegistrationError, StartupError } from './startup-check';
import type { CommandContext, Reply } from './types';

/**
 * The thin discord.js layer: registers the slash commands, turns interactions into a
 * CommandContext for the handlers in ./commands, sends their plain-data replies, implements
 * role changes for roster sync, and feeds the relay channel's messages to the raid chat bids.
 * No command logic lives here (it is tested through the handlers, not through Discord).
 */
export interface AdapterConfig {
  api: QuartermasterClient;
  org: string;
  poolId: string;
  token: string;
  guildId: string;
  /** Channel where a relay posts EverQuest raid chat lines; unset disables raid chat bids. */
  raidChatChannelId?: string;
  /** Relay's own character name, for `You tell your raid, '…'` lines. */
  raidChatSelfName?: string;
  /** Members holding any of these roles may run officer commands. */
  officerRoleIds: string[];
  log?: (message: string, error?: unknown) => void;
}

type Log = (message: string, error?: unknown) => void;

export async function startDiscordAdapter(config: AdapterConfig): Promise<Client> {
  const log: Log = config.log ?? ((message, error) => (error ? console.error(message, error) : console.log(message)));
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMembers,
      ...(config.raidChatChannelId ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.GuildMember],
  });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.guildId !== config.guildId) return;
    try {
      if (interaction.isAutocomplete()) await suggest(interaction, config);
      else if (interaction.isChatInputCommand()) await command(interaction, config, guildRoles(client, config.guildId));
    } catch (error) {
      log('Interaction failed', error);
    }
  });
  if (config.raidChatChannelId) client.on(Events.MessageCreate, (message) => raidChat(message, client, config, log));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(config.token);
  const readyClient = await ready;
  log(`Logged in to Discord as ${readyClient.user.tag}`);
  try {
    await registerCommands(readyClient, config);
    log(`Registered ${COMMAND_DEFINITIONS.length} slash commands in guild ${config.guildId}`);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return client;
}

/** A relayed raid chat message: its bid lines become bids, answered in the channel. */
async function raidChat(message: Message, client: Client, config: AdapterConfig, log: Log): Promise<void> {
  if (message.channelId !== config.raidChatChannelId || message.author.id === client.user?.id) return;
  try {
    const replies = await handleRaidChatMessage(
      { api: config.api, org: config.org, poolId: config.poolId },
      message.content,
      { selfName: config.raidChatSelfName },
    );
    for (const reply of replies)
      await message.reply({ content: reply.content, embeds: embeds(reply), allowedMentions: { parse: [] } });
  } catch (error) {
    log('Raid chat message failed', error);
  }
}

/** Role changes for roster sync, on the configured guild. */
function guildRoles(client: Client, guildId: string): GuildRoleAdapter {
  return {
    async fetchMembers() {
      const guild = await client.guilds.fetch(guildId);
      const members = await guild.members.fetch();
      return [...members.values()]
        .filter((m) => !m.user.bot)
        .map((m) => ({ discordId: m.id, roleIds: [...m.roles.cache.keys()].filter((id) => id !== guild.id) }));
    },
    async addRole(discordId, roleId, reason) {
      const guild = await client.guilds.fetch(guildId);
      await guild.members.addRole({ user: discordId, role: roleId, reason });
    },
    async removeRole(discordId, roleId, reason) {
      const guild = await client.guilds.fetch(guildId);
      await guild.members.removeRole({ user: discordId, role: roleId, reason });
    },
  };
}

/** The handler context for whoever ran the interaction; officers by OFFICER_ROLE_IDS. */
function commandContext(interaction: ChatInputCommandInteraction, config: AdapterConfig): CommandContext {
  const member = interaction.member as GuildMember | null;
  const roleIds = member ? [...member.roles.cache.keys()] : [];
  return {
    api: config.api,
    org: config.org,
    poolId: config.poolId,
    invoker: {
      discordId: interaction.user.id,
      displayName: member?.displayName ?? interaction.user.globalName ?? interaction.user.username,
      isOfficer: roleIds.some((id) => config.officerRoleIds.includes(id)),
    },
  };
}

/** Option values as the handlers take them: NUMBER options stay numbers, users become references. */
function commandOptions(interaction: ChatInputCommandInteraction): CommandOptions {
  const options: CommandOptions = {};
  for (const o of interaction.options.data.flatMap((d) => (d.options ? d.options : [d]))) {
    if (o.user)
      options[o.name] = {
        discordId: o.user.id,
        displayName: (o.member as GuildMember | null)?.displayName ?? o.user.globalName ?? o.user.username,
      };
    else if (typeof o.value === 'number' || typeof o.value === 'string') options[o.name] = o.value;
  }
  return options;
}

async function command(
  interaction: ChatInputCommandInteraction,
  config: AdapterConfig,
  guild: GuildRoleAdapter,
): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false);
  const slow =
    interaction.commandName === 'roster' || (interaction.commandName === 'auction' && subcommand === 'award');
  if (slow) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const ctx = commandContext(interaction, config);
  const reply = await runCommand(ctx, interaction.commandName, subcommand, commandOptions(interaction), guild);
  const payload = { content: reply.content, embeds: embeds(reply), allowedMentions: { parse: [] } };
  if (slow) await interaction.editReply(payload);
  else await interaction.reply({ ...payload, ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
}

async function suggest(interaction: AutocompleteInteraction, config: AdapterConfig): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = await autocomplete(
    { api: config.api, org: config.org, poolId: config.poolId },
    interaction.commandName,
    interaction.options.getSubcommand(false),
    focused.name,
    String(focused.value),
  );
  await interaction.respond(choices);
}

/**
 * Registers the slash commands in the guild (guild commands appear at once). A refusal stops the
 * bot with Discord's error and the likely fix: without its commands the bot is useless, and a
 * silent failure would look like a bot that ignores everyone.
 */
async function registerCommands(ready: Client<true>, config: AdapterConfig): Promise<void> {
  const rest = new REST({ version: '10' }).setToken(config.token);
  try {
    await rest.put(Routes.applicationGuildCommands(ready.user.id, config.guildId), { body: COMMAND_DEFINITIONS });
  } catch (error) {
    throw new StartupError(describeRegistrationError(error, config.guildId), { cause: error });
  }
}

function embeds(reply: Reply): EmbedBuilder[] {
  return (reply.embeds ?? []).map((e) => {
    const b = new EmbedBuilder().setTitle(e.title);
    if (e.description) b.setDescription(e.description);
    if (e.color !== undefined) b.setColor(e.color);
    if (e.fields?.length) b.addFields(e.fields);
    return b;
  });
}
