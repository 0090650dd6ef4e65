import { ProblemError, type QuartermasterClient, unwrap } from '@quartermaster/sdk';
import { isUuid, itemsOf, norm } from './commands/common';

/** Scopes the bot key needs: reading DKP, bidding for members, running auctions, syncing roles. */
export const REQUIRED_SCOPES = ['dkp:read', 'dkp:bidding', 'dkp:auctioneer', 'roster:sync'] as const;

/** A setting that stops the bot at start; the message names the variable to fix. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface CheckedPool {
  id: string;
  name: string;
}

/**
 * What the bot's settings are wrong about, from a failed API call: the key (401), its scopes
 * (403), the org or the pool (404, told apart by the problem's detail).
 */
export function describeAccessFailure(error: unknown, settings: { org: string; pool: string }): string {
  if (!(error instanceof ProblemError))
    return `Cannot reach the Quartermaster API at QM_API_URL: ${(error as Error)?.message ?? String(error)}`;
  if (error.status === 401) return 'QM_API_KEY was rejected: the key is invalid, revoked or expired.';
  if (error.status === 403)
    return `QM_API_KEY lacks a scope the bot needs (${error.detail ?? error.title}). Give the bot key ${REQUIRED_SCOPES.join(', ')}.`;
  if (error.status === 404 && /organization/i.test(error.detail ?? ''))
    return `QM_ORG "${settings.org}" is unknown to this key: no such org, DKP is not enabled there, or the bot key belongs to another org.`;
  if (error.status === 404) return `QM_POOL_ID "${settings.pool}" is not a pool of org "${settings.org}".`;
  return `The API refused the bot's check (${error.status} ${error.detail ?? error.title}).`;
}

/** The pool by id (one request), or by name from the list (the README allows either). */
async function fetchPool(api: QuartermasterClient, org: string, pool: string): Promise<CheckedPool> {
  if (isUuid(pool))
    return unwrap(api.GET('/api/v1/orgs/{org}/dkp/pools/{id}', { params: { path: { org, id: pool.trim() } } }));
  const pools = itemsOf(await unwrap(api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org } } })));
  const found = pools.find((p) => norm(p.name) === norm(pool));
  if (!found)
    throw new StartupError(
      `QM_POOL_ID "${pool}" is not a pool of org "${org}" (pools: ${pools.map((p) => p.name).join(', ') || 'none'}).`,
    );
  return found;
}

/**
 * Scopes the pool read does not prove. No route tells a key its own scopes, so the check asks
 * routes guarded by them: listing open auctions (dkp:bidding), and closing an auction that cannot
 * exist (dkp:auctioneer: the scope is checked before the id, so the answer is 403 without the
 * scope and 404 with it; nothing is written either way).
 */
async function checkAuctionScopes(api: QuartermasterClient, org: string): Promise<void> {
  await unwrap(
    api.GET('/api/v1/orgs/{org}/dkp/bidding/sessions', { params: { path: { org }, query: { status: 'open' } } }),
  );
  try {
    await unwrap(
      api.POST('/api/v1/orgs/{org}/dkp/bidding/sessions/{id}/close', {
        params: { path: { org, id: '00000000-0000-4000-8000-000000000000' } },
      }),
    );
  } catch (error) {
    if (!(error instanceof ProblemError && error.status === 404)) throw error;
  }
}

/**
 * Checks the API key, org and pool before the bot connects to Discord, so that a wrong setting
 * stops it with a message naming the setting instead of failing on the first command. The pool
 * read proves the key (401), org (404) and dkp:read (403); the auction scopes are checked next.
 * roster:sync is not checked: reading the roster is heavy, and `/roster sync` answers plainly
 * when the scope is missing. Returns the pool (its id when QM_POOL_ID named it).
 */
export async function checkApiAccess(api: QuartermasterClient, org: string, pool: string): Promise<CheckedPool> {
  try {
    const found = await fetchPool(api, org, pool);
    await checkAuctionScopes(api, org);
    return { id: found.id, name: found.name };
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(describeAccessFailure(error, { org, pool }));
  }
}

/** What discord.js reports for a refused REST call (DiscordAPIError), duck-typed to keep this file free of it. */
interface DiscordErrorLike {
  code?: number | string;
  status?: number;
  message?: string;
}

/**
 * Why registering the slash commands failed, with the fix: the bot is not in DISCORD_GUILD_ID or
 * was invited without the applications.commands scope (50001), the guild id is wrong (10004), or
 * Discord refused a command definition (50035, a bug in the bot). Discord's own message is kept.
 */
export function describeRegistrationError(error: unknown, guildId: string): string {
  const e = (error ?? {}) as DiscordErrorLike;
  const discord = `Discord said: ${e.status ?? '?'} ${e.code ?? ''} ${e.message ?? String(error)}`.replace(/\s+/g, ' ');
  const hint =
    e.code === 50001
      ? `the bot has no access to guild ${guildId}: invite it there with the "bot" and "applications.commands" scopes, or fix DISCORD_GUILD_ID`
      : e.code === 10004
        ? `DISCORD_GUILD_ID ${guildId} is not a guild Discord knows`
        : e.code === 50035
          ? 'Discord refused a command definition (a bug in the bot: report it)'
          : `registration in guild ${guildId} failed`;
  return `Could not register the slash commands: ${hint}. ${discord}`;
}
