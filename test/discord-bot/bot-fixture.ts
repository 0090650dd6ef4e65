import { createQuartermasterClient, type QuartermasterClient, unwrap } from '@quartermaster/sdk';
import type { CommandContext, Invoker } from '../../clients/discord-bot/src/types';
import { createGuild, type Guild } from '../support/dkp-fixtures';
import { snowflake } from '../support/fake-discord';
import type { TestApp, TestUser } from '../support/test-app';

/**
 * A guild as the Discord bot sees it: the DKP guild fixture plus a bot key with the bot's
 * scopes, an SDK client on it (the only way the bot talks to the API), and Discord ids linked
 * to the members. Linking goes through the database as in the points tests (the OAuth link
 * flow is tested elsewhere).
 */
export interface BotGuild extends Guild {
  botKey: string;
  /** The bot's SDK client (bot key). */
  bot: QuartermasterClient;
  /** Whether the bot key carries roster:sync (the scope exists once the roster routes do). */
  hasRosterScope: boolean;
  /** Whether the bot key carries dkp:auctioneer (the scope that runs auctions, once the API has it). */
  hasAuctioneerScope: boolean;
  /** Another bot key of this org with exactly `scopes` (null when the API does not know one of them). */
  keyWith(scopes: string[]): Promise<QuartermasterClient | null>;
  discord: { officer: string; member: string; readonly: string };
  /** Links a fresh Discord id to `user`; returns it. */
  link(user: TestUser | string): Promise<string>;
  /** Credits points in the default pool (as the owner). */
  credit(user: TestUser | string, amount: string): Promise<void>;
  /** A handler context for the bot acting for `invoker`. */
  ctx(invoker: Partial<Invoker> & { discordId: string }): CommandContext;
  officerCtx(): CommandContext;
  memberCtx(): CommandContext;
}

export async function createBotGuild(t: TestApp): Promise<BotGuild> {
  const g = (await createGuild(t)) as BotGuild;
  const path = { org: g.slug };
  const create = (scopes: string[]) =>
    g.owner.api.POST('/api/v1/orgs/{org}/bot-keys', {
      params: { path },
      body: { name: 'discord bot', scopes, rateLimitTier: 'standard' } as never,
    });
  // The bot's scopes (README), minus the ones this API does not know yet: other changes add them.
  const candidates = [
    ['dkp:read', 'dkp:bidding', 'dkp:auctioneer', 'roster:sync'],
    ['dkp:read', 'dkp:bidding', 'roster:sync'],
    ['dkp:read', 'dkp:bidding'],
  ];
  let key = await create(candidates[0]);
  let scopes = candidates[0];
  for (const next of candidates.slice(1)) {
    if (key.response.ok) break;
    key = await create(next);
    scopes = next;
  }
  g.hasRosterScope = scopes.includes('roster:sync');
  g.hasAuctioneerScope = scopes.includes('dkp:auctioneer');
  g.botKey = (key.data as { key: string }).key;
  g.bot = createQuartermasterClient({ baseUrl: t.baseUrl, apiKey: g.botKey, retries: 0 });
  g.keyWith = async (only) => {
    const created = await create(only);
    if (!created.response.ok) return null;
    return createQuartermasterClient({ baseUrl: t.baseUrl, apiKey: (created.data as { key: string }).key, retries: 0 });
  };
  g.link = async (user) => {
    const id = snowflake();
    await t.db.query('UPDATE users SET discord_id = $1 WHERE id = $2', [id, typeof user === 'string' ? user : user.id]);
    return id;
  };
  g.credit = async (user, amount) => {
    await unwrap(
      g.owner.api.POST('/api/v1/orgs/{org}/dkp/points/adjustments', {
        params: { path },
        body: { userId: typeof user === 'string' ? user : user.id, poolId: g.pool.id, amount, reason: 'seed' },
      }),
    );
  };
  g.discord = { officer: await g.link(g.officer), member: await g.link(g.member), readonly: await g.link(g.readonly) };
  g.ctx = (invoker) => ({
    api: g.bot,
    org: g.slug,
    poolId: g.pool.id,
    invoker: { displayName: 'Someone', isOfficer: false, ...invoker },
  });
  g.officerCtx = () => g.ctx({ discordId: g.discord.officer, displayName: 'Officer', isOfficer: true });
  g.memberCtx = () => g.ctx({ discordId: g.discord.member, displayName: 'Member' });
  return g;
}

/** A fresh member with a linked Discord id and `points` in the default pool. */
export async function bidder(
  g: BotGuild,
  points: string,
  name = 'Bidder',
): Promise<{ user: TestUser; discordId: string; ctx: CommandContext }> {
  const user = await g.newMember();
  const discordId = await g.link(user);
  if (points !== '0') await g.credit(user, points);
  return { user, discordId, ctx: g.ctx({ discordId, displayName: name }) };
}
