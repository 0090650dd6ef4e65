import { newIdempotencyKey, unwrap, type QuartermasterClient } from '@quartermaster/sdk';
import type { CommandContext, Reply } from '../types';
import { COLORS, problemReply, requireOfficer } from './common';

/** A linked member and the Discord roles the API says they should have. */
export interface DesiredMember {
  discordId: string;
  userId?: string;
  username?: string;
  roleIds: string[];
}

/**
 * The desired state from `GET discord/roster`: members, plus the roles the API manages (those
 * mapped from ranks). Only managed roles are ever removed; other roles (Nitro, bots, channel
 * roles) are left alone.
 */
export interface DesiredRoster {
  members: DesiredMember[];
  managedRoleIds: string[];
}

/** A guild member as Discord has it now. */
export interface GuildMemberRoles {
  discordId: string;
  roleIds: string[];
}

/** What the bot needs from Discord for a role sync; the discord.js adapter implements it, tests fake it. */
export interface GuildRoleAdapter {
  /** Every member of the guild with their current role ids. */
  fetchMembers(): Promise<GuildMemberRoles[]>;
  addRole(discordId: string, roleId: string, reason: string): Promise<void>;
  removeRole(discordId: string, roleId: string, reason: string): Promise<void>;
}

export interface RoleChange {
  discordId: string;
  userId?: string;
  add: string[];
  remove: string[];
}

export interface RolePlan {
  changes: RoleChange[];
  /** Linked members who are not in the Discord guild. */
  notInGuild: DesiredMember[];
  unchanged: number;
}

/** One member's outcome, as the bot reports it to `POST discord/sync-roles`. */
export interface RoleSyncResult {
  discordId: string;
  userId?: string;
  added: string[];
  removed: string[];
  status: 'applied' | 'partial' | 'failed' | 'not_in_guild';
  error?: string;
}

/**
 * Role changes to make the guild match the roster: each linked member gets their desired roles
 * and loses managed roles they should not have; guild members not on the roster (unlinked,
 * departed, inactive) lose every managed role. Pure: no I/O.
 */
export function planRoleSync(roster: DesiredRoster, guild: GuildMemberRoles[]): RolePlan {
  const managed = new Set([...roster.managedRoleIds, ...roster.members.flatMap((m) => m.roleIds)]);
  const current = new Map(guild.map((m) => [m.discordId, new Set(m.roleIds)]));
  const desiredIds = new Set<string>();
  const changes: RoleChange[] = [];
  const notInGuild: DesiredMember[] = [];
  let unchanged = 0;
  for (const member of roster.members) {
    desiredIds.add(member.discordId);
    const has = current.get(member.discordId);
    if (!has) {
      notInGuild.push(member);
      continue;
    }
    const want = new Set(member.roleIds);
    const add = [...want].filter((r) => !has.has(r)).sort();
    const remove = [...has].filter((r) => managed.has(r) && !want.has(r)).sort();
    if (add.length || remove.length) changes.push({ discordId: member.discordId, userId: member.userId, add, remove });
    else unchanged++;
  }
  for (const member of guild) {
    if (desiredIds.has(member.discordId)) continue;
    const remove = member.roleIds.filter((r) => managed.has(r)).sort();
    if (remove.length) changes.push({ discordId: member.discordId, add: [], remove });
  }
  return { changes, notInGuild, unchanged };
}

// ---- API access --------------------------------------------------------------------------

export async function fetchDesiredRoster(api: QuartermasterClient, org: string): Promise<DesiredRoster> {
  const roster = await unwrap(api.GET('/api/v1/orgs/{org}/dkp/discord/roster', { params: { path: { org } } }));
  return {
    managedRoleIds: roster.managedRoleIds,
    members: roster.members.map((m) => ({
      discordId: m.discordId,
      userId: m.userId,
      username: m.username,
      roleIds: m.roles,
    })),
  };
}

/**
 * Records what the bot applied: one row per member it touched (`ok` false with the error when
 * Discord refused). Members not in the guild were not touched and are not reported.
 */
export async function reportRoleSync(
  api: QuartermasterClient,
  org: string,
  results: RoleSyncResult[],
  idempotencyKey: string,
): Promise<unknown> {
  const touched = results.filter((r) => r.status !== 'not_in_guild');
  if (!touched.length) return null;
  return unwrap(
    api.POST('/api/v1/orgs/{org}/dkp/discord/sync-roles', {
      params: { path: { org }, header: { 'Idempotency-Key': idempotencyKey } },
      body: {
        results: touched.map((r) => ({
          discordId: r.discordId,
          added: r.added,
          removed: r.removed,
          ok: r.status === 'applied',
          ...(r.error ? { error: r.error.slice(0, 500) } : {}),
        })),
      },
    }),
  );
}

// ---- the command -------------------------------------------------------------------------

/**
 * Applies a plan through the adapter, member by member; one member's failure (missing
 * permission, role above the bot's) does not stop the others.
 */
export async function applyRolePlan(
  plan: RolePlan,
  guild: GuildRoleAdapter,
  reason: string,
): Promise<RoleSyncResult[]> {
  const results: RoleSyncResult[] = [];
  for (const change of plan.changes) {
    const added: string[] = [];
    const removed: string[] = [];
    const errors: string[] = [];
    for (const roleId of change.add) {
      try {
        await guild.addRole(change.discordId, roleId, reason);
        added.push(roleId);
      } catch (error) {
        errors.push(`add ${roleId}: ${(error as Error).message}`);
      }
    }
    for (const roleId of change.remove) {
      try {
        await guild.removeRole(change.discordId, roleId, reason);
        removed.push(roleId);
      } catch (error) {
        errors.push(`remove ${roleId}: ${(error as Error).message}`);
      }
    }
    const status = !errors.length ? 'applied' : added.length || removed.length ? 'partial' : 'failed';
    results.push({
      discordId: change.discordId,
      userId: change.userId,
      added,
      removed,
      status,
      ...(errors.length ? { error: errors.join('; ') } : {}),
    });
  }
  for (const member of plan.notInGuild)
    results.push({
      discordId: member.discordId,
      userId: member.userId,
      added: [],
      removed: [],
      status: 'not_in_guild',
    });
  return results;
}

/**
 * `/roster sync` (officers): reads the desired roster, diffs it with the guild's member roles,
 * applies the changes through the adapter, then records the outcome with the API (one
 * Idempotency-Key per run, reused if the report is retried).
 */
export async function rosterSync(ctx: CommandContext, guild: GuildRoleAdapter): Promise<Reply> {
  const denied = requireOfficer(ctx, 'sync Discord roles');
  if (denied) return denied;
  let roster: DesiredRoster;
  try {
    roster = await fetchDesiredRoster(ctx.api, ctx.org);
  } catch (error) {
    return problemReply(error, 'read the roster');
  }
  const members = await guild.fetchMembers();
  const plan = planRoleSync(roster, members);
  const results = await applyRolePlan(plan, guild, `Quartermaster roster sync by ${ctx.invoker.displayName}`);
  const key = newIdempotencyKey();
  let reported = true;
  try {
    await reportRoleSync(ctx.api, ctx.org, results, key);
  } catch {
    try {
      await reportRoleSync(ctx.api, ctx.org, results, key);
    } catch {
      reported = false;
    }
  }
  const added = results.reduce((n, r) => n + r.added.length, 0);
  const removed = results.reduce((n, r) => n + r.removed.length, 0);
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'partial');
  const lines = [
    `${plan.changes.length} member${plan.changes.length === 1 ? '' : 's'} changed: ${added} role${added === 1 ? '' : 's'} added, ${removed} removed; ${plan.unchanged} already in sync.`,
    ...(plan.notInGuild.length
      ? [
          `${plan.notInGuild.length} linked member${plan.notInGuild.length === 1 ? ' is' : 's are'} not in this Discord server.`,
        ]
      : []),
    ...failed.map((r) => `Failed for <@${r.discordId}>: ${r.error}`),
    ...(reported ? [] : ['The result could not be recorded with Quartermaster; run `/roster sync` again.']),
  ];
  return {
    content: `Roster sync done: +${added} / -${removed} roles${failed.length ? `, ${failed.length} failed` : ''}.`,
    embeds: [
      {
        title: 'Roster sync',
        description: lines.join('\n'),
        color: failed.length || !reported ? COLORS.warning : COLORS.success,
      },
    ],
    ephemeral: true,
  };
}
