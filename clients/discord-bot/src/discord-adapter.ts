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
import { COMMAND_DEFINITIONS, runCommand, suggestItems, type CommandOptions, type GuildRoleAdapter } from './commands';
import { handleRaidChatMessage } from './raid-chat';
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

export async function startDiscordAdapter(config: AdapterConfig): Promise<Client> {
  const log =
    config.log ??
    ((message: string, error?: unknown) => (error ? console.error(message, error) : console.log(message)));
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMembers,
      ...(config.raidChatChannelId ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.GuildMember],
  });

  client.once(Events.ClientReady, async (ready) => {
    log(`Logged in to Discord as ${ready.user.tag}`);
    const rest = new REST({ version: '10' }).setToken(config.token);
    await rest.put(Routes.applicationGuildCommands(ready.user.id, config.guildId), { body: COMMAND_DEFINITIONS });
    log(`Registered ${COMMAND_DEFINITIONS.length} slash commands in guild ${config.guildId}`);
  });

  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.guildId !== config.guildId) return;
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await command(interaction);
    } catch (error) {
      log('Interaction failed', error);
    }
  });

  if (config.raidChatChannelId) {
    client.on(Events.MessageCreate, async (message: Message) => {
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
    });
  }

  const guildRoles = (): GuildRoleAdapter => ({
    async fetchMembers() {
      const guild = await client.guilds.fetch(config.guildId);
      const members = await guild.members.fetch();
      return [...members.values()]
        .filter((m) => !m.user.bot)
        .map((m) => ({ discordId: m.id, roleIds: [...m.roles.cache.keys()].filter((id) => id !== guild.id) }));
    },
    async addRole(discordId, roleId, reason) {
      const guild = await client.guilds.fetch(config.guildId);
      await guild.members.addRole({ user: discordId, role: roleId, reason });
    },
    async removeRole(discordId, roleId, reason) {
      const guild = await client.guilds.fetch(config.guildId);
      await guild.members.removeRole({ user: discordId, role: roleId, reason });
    },
  });

  async function command(interaction: ChatInputCommandInteraction): Promise<void> {
    const slow =
      interaction.commandName === 'roster' ||
      (interaction.commandName === 'bid' && interaction.options.getSubcommand(false) === 'award');
    if (slow) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const member = interaction.member as GuildMember | null;
    const roleIds = member ? [...member.roles.cache.keys()] : [];
    const ctx: CommandContext = {
      api: config.api,
      org: config.org,
      poolId: config.poolId,
      invoker: {
        discordId: interaction.user.id,
        displayName: member?.displayName ?? interaction.user.globalName ?? interaction.user.username,
        isOfficer: roleIds.some((id) => config.officerRoleIds.includes(id)),
      },
    };
    const options: CommandOptions = {};
    for (const o of interaction.options.data.flatMap((d) => (d.options ? d.options : [d]))) {
      if (o.user)
        options[o.name] = {
          discordId: o.user.id,
          displayName: (o.member as GuildMember | null)?.displayName ?? o.user.globalName ?? o.user.username,
        };
      else if (o.value !== undefined) options[o.name] = String(o.value);
    }
    const reply = await runCommand(
      ctx,
      interaction.commandName,
      interaction.options.getSubcommand(false),
      options,
      guildRoles(),
    );
    const payload = { content: reply.content, embeds: embeds(reply), allowedMentions: { parse: [] } };
    if (slow) await interaction.editReply(payload);
    else
      await interaction.reply({ ...payload, ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const status = interaction.options.getSubcommand(false) === 'award' ? 'closed' : 'open';
    const names =
      focused.name === 'item'
        ? await suggestItems({ api: config.api, org: config.org }, String(focused.value), status)
        : [];
    await interaction.respond(names.map((n) => ({ name: n, value: n })));
  }

  await client.login(config.token);
  return client;
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
