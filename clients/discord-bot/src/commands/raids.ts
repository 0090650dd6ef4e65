import { unwrap, type Schema } from '@quartermaster/sdk';
import type { CommandContext } from '../types';
import { isProblem, isUuid, itemsOf, norm } from './common';

export type Raid = Schema<'RaidDto'>;

const HOUR = 3_600_000;
/**
 * "current" is the newest raid that started in the last CURRENT_HOURS hours (raids have no
 * status; a raid night is shorter than that, and it may cross midnight UTC, so "today" is not
 * a calendar day). Raids starting within EARLY_HOURS count too: officers often create the raid
 * a little before it starts.
 */
export const CURRENT_HOURS = 12;
export const EARLY_HOURS = 1;
/** A raid named by its event is looked for among the raids of the last RECENT_DAYS days. */
export const RECENT_DAYS = 7;

export type RaidChoice = { raid: Raid } | { error: string };

/**
 * The raid an officer named by event name among `recent` raids (newest first, as the API lists
 * them): an exact event name wins, else a part of one; several raids of the same event mean the
 * newest. Names that fit several events are ambiguous. Pure.
 */
export function pickRaidByName(recent: Raid[], typed: string): RaidChoice {
  const q = norm(typed);
  const exact = recent.filter((r) => norm(r.eventName) === q);
  const matches = exact.length ? exact : recent.filter((r) => norm(r.eventName).includes(q));
  if (!matches.length)
    return {
      error: `No raid of an event named "${typed.trim()}" in the last ${RECENT_DAYS} days. Use "current", pick a raid from the list or give its id.`,
    };
  const events = [...new Set(matches.map((r) => r.eventName))];
  if (events.length > 1)
    return {
      error: `"${typed.trim()}" fits raids of several events (${events.join(', ')}); type the full event name or pick a raid from the list.`,
    };
  return { raid: matches[0] };
}

type RaidContext = Pick<CommandContext, 'api' | 'org' | 'poolId'>;

/** Raids of the default pool (auctions start there) starting in [from, to), newest first. */
async function raidsBetween(ctx: RaidContext, from: Date, to: Date, limit: number): Promise<Raid[]> {
  const page = await unwrap(
    ctx.api.GET('/api/v1/orgs/{org}/dkp/raids', {
      params: {
        path: { org: ctx.org },
        query: { poolId: ctx.poolId, from: from.toISOString(), to: to.toISOString(), limit },
      },
    }),
  );
  return itemsOf(page);
}

/** Raids of the last RECENT_DAYS days (and the next hour), newest first. */
export function recentRaids(ctx: RaidContext, now = new Date(), limit = 50): Promise<Raid[]> {
  const from = new Date(now.getTime() - RECENT_DAYS * 24 * HOUR);
  return raidsBetween(ctx, from, new Date(now.getTime() + EARLY_HOURS * HOUR), limit);
}

/**
 * The raid `/auction start raid:` names: "current", a raid id, or an event name (see
 * pickRaidByName); by name or "current", among the default pool's raids. API failures other than an unknown id are thrown for the caller's wording.
 */
export async function resolveRaid(ctx: RaidContext, typed: string, now = new Date()): Promise<RaidChoice> {
  const text = typed.trim();
  if (isUuid(text)) {
    try {
      return {
        raid: await unwrap(
          ctx.api.GET('/api/v1/orgs/{org}/dkp/raids/{id}', { params: { path: { org: ctx.org, id: text } } }),
        ),
      };
    } catch (error) {
      if (isProblem(error, 404)) return { error: `There is no raid with id ${text} in this guild.` };
      throw error;
    }
  }
  if (norm(text) === 'current') {
    const from = new Date(now.getTime() - CURRENT_HOURS * HOUR);
    const [raid] = await raidsBetween(ctx, from, new Date(now.getTime() + EARLY_HOURS * HOUR), 1);
    return raid
      ? { raid }
      : {
          error: `No raid started in the last ${CURRENT_HOURS} hours, so there is no current raid. Create the raid first, or name an older one.`,
        };
  }
  return pickRaidByName(await recentRaids(ctx, now), text);
}

/** How a raid reads in replies and autocomplete: "Vox, 2024-06-09 19:59 UTC". */
export function raidLabel(raid: Pick<Raid, 'eventName' | 'startsAt'>): string {
  return `${raid.eventName}, ${new Date(raid.startsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Autocomplete choices for `raid:`: "current", then recent raids whose event fits what was typed (value = id). */
export async function suggestRaids(
  ctx: RaidContext,
  typed: string,
  now = new Date(),
): Promise<{ name: string; value: string }[]> {
  const q = norm(typed);
  const raids = (await recentRaids(ctx, now, 24)).filter((r) => norm(r.eventName).includes(q));
  const current = 'current'.startsWith(q) ? [{ name: 'current (the raid in progress)', value: 'current' }] : [];
  return [...current, ...raids.map((r) => ({ name: raidLabel(r).slice(0, 100), value: r.id }))].slice(0, 25);
}
