import { createQuartermasterClient } from '@quartermaster/sdk';
import { startDiscordAdapter } from './discord-adapter';
import { checkApiAccess, StartupError } from './startup-check';

/** Reads the bot's settings from the environment; throws naming every missing variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  const required = ['QM_API_URL', 'QM_API_KEY', 'QM_ORG', 'QM_POOL_ID', 'DISCORD_TOKEN', 'DISCORD_GUILD_ID'] as const;
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length)
    throw new StartupError(`Missing environment variables: ${missing.join(', ')} (see clients/discord-bot/README.md)`);
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
      'OFFICER_ROLE_IDS is empty: nobody can run officer commands (/auction start|close|award|cancel, /roster sync).',
    );
  const api = createQuartermasterClient({ baseUrl: config.apiUrl, apiKey: config.apiKey });
  // Before Discord: a wrong key, org, pool or scope stops the bot here, naming the setting.
  const pool = await checkApiAccess(api, config.org, config.poolId);
  console.log(`API checked: org ${config.org}, pool ${pool.name} (${pool.id}).`);
  const client = await startDiscordAdapter({ ...config, poolId: pool.id, api });
  const stop = () => {
    void client.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    // A setting the bot refuses to start with is said in one line; anything else with its stack.
    if (error instanceof StartupError) console.error(`Discord bot not started: ${error.message}`);
    else console.error(error);
    process.exit(1);
  });
}
