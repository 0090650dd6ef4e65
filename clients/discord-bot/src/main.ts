import { createQuartermasterClient } from '@quartermaster/sdk';
import { startDiscordAdapter } from './discord-adapter';

/** Reads the bot's settings from the environment; throws naming every missing variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  const required = ['QM_API_URL', 'QM_API_KEY', 'QM_ORG', 'QM_POOL_ID', 'DISCORD_TOKEN', 'DISCORD_GUILD_ID'] as const;
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length)
    throw new Error(`Missing environment variables: ${missing.join(', ')} (see clients/discord-bot/README.md)`);
  const get = (name: (typeof required)[number]) => env[name]!.trim();
  return {
    apiUrl: get('QM_API_URL'),
    apiKey: get('QM_API_KEY'),
    org: get('QM_ORG'),
    poolId: get('QM_POOL_ID'),
    token: get('DISCORD_TOKEN'),
    guildId: get('DISCORD_GUILD_ID'),
    raidChatChannelId: env.RAID_CHAT_CHANNEL_ID?.trim() || undefined,
    raidChatSelfName: env.RAID_CHAT_SELF_NAME?.trim() || undefined,
    officerRoleIds: (env.OFFICER_ROLE_IDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.officerRoleIds.length)
    console.warn(
      'OFFICER_ROLE_IDS is empty: nobody can run officer commands (/bid start|close|award|cancel, /roster sync).',
    );
  const api = createQuartermasterClient({ baseUrl: config.apiUrl, apiKey: config.apiKey });
  const client = await startDiscordAdapter({ ...config, api });
  const stop = () => {
    void client.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
