import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { User } from '../../../platform/auth/users/user.entity';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../platform/database/pg-errors';
import { withTransaction } from '../../../platform/database/transactions';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { Membership } from '../../../platform/tenancy/members/membership.entity';
import { Tier, tierAtLeast } from '../../../platform/tenancy/tiers';
import { DiscordSyncLog } from './discord-sync-log.entity';
import { DiscordSyncLogEntryDto, LinkDiscordMemberDto, ListDiscordSyncLogQueryDto, ReportRoleSyncDto, RoleSyncReportDto } from './dto/discord-sync.dto';

/** Who acts: a member (with their tier), or a bot key of the org (no user, no tier). */
export interface DiscordActor {
  orgId: string;
  userId: string | null;
  tier: Tier | null;
  apiKeyId: string | null;
}

function toEntryDto(row: DiscordSyncLog): DiscordSyncLogEntryDto {
  return {
    id: row.id,
    action: row.action,
    discordId: row.discordId,
    userId: row.userId,
    added: row.added,
    removed: row.removed,
    ok: row.ok,
    error: row.error,
    actorUserId: row.actorUserId,
    apiKeyId: row.apiKeyId,
    createdAt: row.createdAt,
  };
}

/**
 * The write side of Discord role authority: what the bot reports it applied, and linking a
 * member's (global) user account to a Discord account. Each change writes its sync-log row and
 * its domain event in one transaction.
 */
@Injectable()
export class DiscordSyncService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  async report(actor: DiscordActor, dto: ReportRoleSyncDto): Promise<RoleSyncReportDto> {
    return withTransaction(this.db, async (tx) => {
      const discordIds = [...new Set(dto.results.map((r) => r.discordId))];
      const members: { id: string; discordId: string }[] = await tx.query(
        'SELECT u.id, u.discord_id AS "discordId" FROM users u JOIN memberships m ON m.user_id = u.id AND m.org_id = $1 WHERE u.discord_id = ANY($2::varchar[])',
        [actor.orgId, discordIds],
      );
      const userOf = new Map(members.map((m) => [m.discordId, m.id]));
      const rows = dto.results.map((r) =>
        tx.create(DiscordSyncLog, {
          orgId: actor.orgId,
          action: 'sync',
          discordId: r.discordId,
          userId: userOf.get(r.discordId) ?? null,
          added: [...new Set(r.added)],
          removed: [...new Set(r.removed)],
          ok: r.ok,
          error: r.error ?? null,
          actorUserId: actor.userId,
          apiKeyId: actor.apiKeyId,
        }),
      );
      await tx.insert(DiscordSyncLog, rows);
      const failed = rows.filter((r) => !r.ok).length;
      await this.events.record(tx, {
        orgId: actor.orgId,
        type: 'dkp.roles.sync_reported',
        payload: {
          actorUserId: actor.userId,
          apiKeyId: actor.apiKeyId,
          failed,
          results: rows.map((r) => ({ discordId: r.discordId, userId: r.userId, added: r.added, removed: r.removed, ok: r.ok })),
        },
      });
      return { recorded: rows.length, failed, unknownDiscordIds: discordIds.filter((id) => !userOf.has(id)) };
    });
  }

  /** Newest first, keyset-paged on (createdAt, id). */
  async log(orgId: string, q: ListDiscordSyncLogQueryDto): Promise<Page<DiscordSyncLogEntryDto>> {
    const qb = this.db.getRepository(DiscordSyncLog).createQueryBuilder('l').where('l.org_id = :orgId', { orgId });
    if (q.discordId) qb.andWhere('l.discord_id = :discordId', { discordId: q.discordId });
    if (q.userId) qb.andWhere('l.user_id = :userId', { userId: q.userId });
    if (q.action) qb.andWhere('l.action = :action', { action: q.action });
    const rows = await newestFirst(qb, 'l.created_at', 'l.id', q).getMany();
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), toEntryDto);
  }

  /**
   * Links a member's user account to a Discord account. Users are global and Discord login finds
   * users by this id, so linking is guarded: the caller must rank above the member (or be them),
   * an existing different link must be removed first, and users who belong to other orgs or are
   * platform administrators link themselves through Discord OAuth instead.
   */
  async link(actor: DiscordActor, dto: LinkDiscordMemberDto): Promise<{ changed: boolean }> {
    try {
      return await withTransaction(this.db, async (tx) => {
        const { user, membership } = await this.lockMember(tx, actor.orgId, dto.userId);
        this.assertMayManage(actor, user, membership);
        if (user.disabledAt) throw Problem.conflict('The user is disabled', 'user-disabled');
        if (user.discordId === dto.discordId) return { changed: false };
        if (user.discordId) throw Problem.conflict('The member is linked to another Discord account; unlink it first', 'already-linked', { discordId: user.discordId });
        const owner = await tx.findOne(User, { where: { discordId: dto.discordId } });
        if (owner) throw Problem.conflict('That Discord account is linked to another user', 'discord-id-taken');
        if (actor.userId !== user.id && (user.isPlatformAdmin || (await tx.exists(Membership, { where: { userId: user.id, orgId: Not(actor.orgId) } })))) {
          throw Problem.conflict('This user belongs to other orgs too; they must link Discord themselves (Discord OAuth)', 'link-needs-owner-consent');
        }
        await tx.update(User, { id: user.id }, { discordId: dto.discordId, discordUsername: null });
        await this.linkChanged(tx, actor, 'link', user.id, dto.discordId);
        return { changed: true };
      });
    } catch (error) {
      // Two links of one Discord id racing: the unique index decides.
      if (pgCode(error) === PG_UNIQUE_VIOLATION) throw Problem.conflict('That Discord account is linked to another user', 'discord-id-taken');
      throw error;
    }
  }

  /** Removes a member's Discord link; refused when it is the only way they can log in. */
  async unlink(actor: DiscordActor, userId: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const { user, membership } = await this.lockMember(tx, actor.orgId, userId);
      this.assertMayManage(actor, user, membership);
      if (!user.discordId) throw Problem.notFound('Discord link of that member');
      if (!user.passwordHash) throw Problem.conflict('The member logs in only through Discord; unlinking would lock them out', 'would-lock-out');
      await tx.update(User, { id: user.id }, { discordId: null, discordUsername: null });
      await this.linkChanged(tx, actor, 'unlink', user.id, user.discordId);
    });
  }

  private async lockMember(tx: EntityManager, orgId: string, userId: string): Promise<{ user: User; membership: Membership }> {
    const membership = await tx.findOne(Membership, { where: { orgId, userId } });
    if (!membership) throw Problem.notFound('Member');
    const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw Problem.notFound('Member');
    return { user, membership };
  }

  /** Members change their own link; otherwise the caller must rank strictly above (owners: any). Bot keys act as officers. */
  private assertMayManage(actor: DiscordActor, user: User, membership: Membership): void {
    if (actor.userId === user.id) return;
    const tier: Tier = actor.tier ?? 'officer';
    if (tier !== 'owner' && tierAtLeast(membership.tier, tier)) {
      throw new Problem(403, `You cannot change the Discord link of a member whose tier (${membership.tier}) is not below your own`, { slug: 'tier-above-own' });
    }
  }

  private async linkChanged(tx: EntityManager, actor: DiscordActor, action: 'link' | 'unlink', userId: string, discordId: string): Promise<void> {
    await tx.insert(DiscordSyncLog, { orgId: actor.orgId, action, discordId, userId, added: [], removed: [], ok: true, error: null, actorUserId: actor.userId, apiKeyId: actor.apiKeyId });
    await this.events.record(tx, {
      orgId: actor.orgId,
      type: action === 'link' ? 'dkp.member.linked' : 'dkp.member.unlinked',
      payload: { userId, discordId, actorUserId: actor.userId, apiKeyId: actor.apiKeyId },
    });
  }
}
