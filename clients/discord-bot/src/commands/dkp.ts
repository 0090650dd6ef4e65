import { unwrap, type Schema } from '@quartermaster/sdk';
import type { CommandContext, DiscordUserRef, Reply } from '../types';
import { COLORS, errorReply, formatPoints, isProblem, isUuid, itemsOf, norm, problemReply } from './common';

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

type Pool = Schema<'PoolDto'>;

/**
 * The pool `/dkp leaderboard` is about: the default pool or one given by id, fetched alone; one
 * given by name, found in the pool list (which names the pools there are when it is not).
 */
async function leaderboardPool(ctx: CommandContext, typed?: string): Promise<Pool | Reply> {
  const wanted = typed?.trim();
  if (!wanted || isUuid(wanted)) {
    try {
      return await unwrap(
        ctx.api.GET('/api/v1/orgs/{org}/dkp/pools/{id}', {
          params: { path: { org: ctx.org, id: wanted || ctx.poolId } },
        }),
      );
    } catch (error) {
      if (!isProblem(error, 404)) throw error;
      return errorReply(wanted ? `There is no pool with id ${wanted}.` : 'The default pool is not in this guild.');
    }
  }
  const pools = itemsOf(
    await unwrap(ctx.api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: ctx.org } } })),
  );
  const pool = pools.find((p) => norm(p.name) === norm(wanted));
  if (pool) return pool;
  return errorReply(`No pool named "${wanted}". Pools: ${pools.map((p) => p.name).join(', ') || 'none'}.`);
}

/**
 * `/dkp leaderboard [pool]`: the top 10 of a pool (by name or id; the default pool without
 * one).
 */
export async function dkpLeaderboard(ctx: CommandContext, options: { pool?: string } = {}): Promise<Reply> {
  try {
    const pool = await leaderboardPool(ctx, options.pool);
    if ('content' in pool) return pool;
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
