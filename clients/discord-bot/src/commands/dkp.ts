import { unwrap } from '@quartermaster/sdk';
import type { CommandContext, DiscordUserRef, Reply } from '../types';
import { COLORS, errorReply, formatPoints, isProblem, problemReply } from './common';

/**
 * `/dkp balance [user]`: the balance of the invoker (or `user`) by Discord id, every pool, the
 * default pool first.
 */
export async function dkpBalance(ctx: CommandContext, options: { user?: DiscordUserRef } = {}): Promise<Reply> {
  const who = options.user ?? { discordId: ctx.invoker.discordId, displayName: ctx.invoker.displayName };
  const self = who.discordId === ctx.invoker.discordId;
  try {
    const balance = await unwrap(
      ctx.api.GET('/api/v1/orgs/{org}/dkp/discord/users/{discordId}/balance', {
        params: { path: { org: ctx.org, discordId: who.discordId } },
      }),
    );
    const pools = [...balance.pools].sort(
      (a, b) =>
        Number(b.poolId === ctx.poolId) - Number(a.poolId === ctx.poolId) || a.poolName.localeCompare(b.poolName),
    );
    const main = pools[0];
    const content = main
      ? `${self ? 'You have' : `${who.displayName} has`} **${formatPoints(main.balance)}** in ${main.poolName}.`
      : `${self ? 'You have' : `${who.displayName} has`} no DKP yet.`;
    return {
      content,
      embeds: pools.length
        ? [
            {
              title: `DKP of ${who.displayName}`,
              color: COLORS.info,
              fields: pools.map((p) => ({
                name: p.poolName,
                value: `**${p.balance}** (earned ${p.earned}, spent ${p.spent}, adjusted ${p.adjusted}, decayed ${p.decayed})`,
              })),
            },
          ]
        : undefined,
      ephemeral: true,
    };
  } catch (error) {
    if (isProblem(error, 404)) {
      return errorReply(
        self
          ? 'Your Discord account is not linked to a member of this guild. Link it on the Quartermaster website (Profile → Link Discord).'
          : `${who.displayName} has not linked their Discord account to a member of this guild.`,
      );
    }
    return problemReply(error, 'look up the balance');
  }
}

/**
 * `/dkp leaderboard [pool]`: the top 10 of a pool (by name or id; the default pool without
 * one).
 */
export async function dkpLeaderboard(ctx: CommandContext, options: { pool?: string } = {}): Promise<Reply> {
  try {
    const pools = await unwrap(ctx.api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: ctx.org } } }));
    const wanted = options.pool?.trim().toLowerCase();
    const pool = wanted
      ? pools.find((p) => p.id === wanted || p.name.toLowerCase() === wanted)
      : pools.find((p) => p.id === ctx.poolId);
    if (!pool) {
      const names = pools.map((p) => p.name).join(', ') || 'none';
      return errorReply(
        wanted
          ? `No pool named "${options.pool}". Pools: ${names}.`
          : `The default pool is not in this guild; pools: ${names}.`,
      );
    }
    const page = await unwrap(
      ctx.api.GET('/api/v1/orgs/{org}/dkp/points/leaderboard/{poolId}', {
        params: { path: { org: ctx.org, poolId: pool.id }, query: { limit: 10 } },
      }),
    );
    if (!page.items.length) return { content: `Nobody has DKP in ${pool.name} yet.` };
    const lines = page.items.map((e) => `${e.rank}. **${e.mainCharacterName ?? e.username}** — ${e.balance}`);
    return {
      content: `Top ${page.items.length} in ${pool.name}`,
      embeds: [{ title: `${pool.name} leaderboard`, description: lines.join('\n'), color: COLORS.info }],
    };
  } catch (error) {
    return problemReply(error, 'load the leaderboard');
  }
}
