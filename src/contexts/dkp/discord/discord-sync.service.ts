import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import type { Tier } from '../../../platform/tenancy/tiers';
import { DiscordSyncLog } from './discord-sync-log.entity';
import { DiscordMemberDetailDto } from './dto/discord-roster.dto';
import {
  DiscordSyncLogEntryDto,
  LinkDiscordMemberDto,
  ListDiscordSyncLogQueryDto,
  ReportRoleSyncDto,
  RoleSyncReportDto,
} from './dto/discord-sync.dto';
import { DiscordRosterService } from './discord-roster.service';
import { DiscordSyncLogRepository, NewSyncLogEntry } from './sync-log.repository';

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
 * member's (global) user account to a Discord account through the platform's `UsersService`.
 * Each change writes its sync-log row and its domain event in one transaction.
 */
@Injectable()
export class DiscordSyncService {
  constructor(
    private readonly log: DiscordSyncLogRepository,
    private readonly roster: DiscordRosterService,
    private readonly members: MembersService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async report(actor: DiscordActor, dto: ReportRoleSyncDto): Promise<RoleSyncReportDto> {
    return this.log.transaction(async (tx) => {
      const discordIds = [...new Set(dto.results.map((r) => r.discordId))];
      const userOf = await this.users.membersByDiscordIds(actor.orgId, discordIds, tx);
      const entries: NewSyncLogEntry[] = dto.results.map((r) => ({
        ...this.logged(actor, 'sync', r.discordId, userOf.get(r.discordId) ?? null),
        added: [...new Set(r.added)],
        removed: [...new Set(r.removed)],
        ok: r.ok,
        error: r.error ?? null,
      }));
      await this.log.insert(tx, entries);
      const failed = entries.filter((e) => !e.ok).length;
      await this.events.record(tx, {
        orgId: actor.orgId,
        type: 'dkp.roles.sync_reported',
        payload: {
          actorUserId: actor.userId,
          apiKeyId: actor.apiKeyId,
          failed,
          results: entries.map((e) => ({
            discordId: e.discordId,
            userId: e.userId,
            added: e.added,
            removed: e.removed,
            ok: e.ok,
          })),
        },
      });
      return { recorded: entries.length, failed, unknownDiscordIds: discordIds.filter((id) => !userOf.has(id)) };
    });
  }

  /** Newest first, keyset-paged on (createdAt, id). */
  async entries(orgId: string, q: ListDiscordSyncLogQueryDto): Promise<Page<DiscordSyncLogEntryDto>> {
    const rows = await this.log.page(orgId, q);
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), toEntryDto);
  }

  /**
   * Links a member's user account to a Discord account and returns the member's desired state.
   * Users are global and Discord login finds users by this id, so linking is guarded: the caller
   * must manage the member (the platform's one tier rule) or be them, an existing different link
   * must be removed first, and users who belong to other orgs or are platform administrators
   * link themselves through Discord OAuth instead.
   */
  async link(actor: DiscordActor, dto: LinkDiscordMemberDto): Promise<DiscordMemberDetailDto> {
    await this.log.transaction(async (tx) => {
      await this.assertMayManage(tx, actor, dto.userId);
      const { changed } = await this.users.linkDiscord(tx, dto.userId, dto.discordId);
      if (!changed) return;
      // Checked after the link's own refusals (same order as before); throwing rolls the link back.
      if (actor.userId !== dto.userId && (await this.users.belongsToOtherOrgs(dto.userId, actor.orgId, tx))) {
        throw Problem.conflict(
          'This user belongs to other orgs too; they must link Discord themselves (Discord OAuth)',
          'link-needs-owner-consent',
        );
      }
      await this.linkChanged(tx, actor, 'link', dto.userId, dto.discordId);
    });
    return this.roster.member(actor.orgId, dto.discordId);
  }

  /** Removes a member's Discord link; refused when it is the only way they can log in. */
  async unlink(actor: DiscordActor, userId: string): Promise<void> {
    await this.log.transaction(async (tx) => {
      await this.assertMayManage(tx, actor, userId);
      const { previousDiscordId } = await this.users.unlinkDiscord(tx, userId);
      await this.linkChanged(tx, actor, 'unlink', userId, previousDiscordId);
    });
  }

  /**
   * 404 unless the user is a member of the org. Members change their own link; otherwise the
   * platform's rule applies (the caller's tier at least the member's). Bot keys act as officers.
   */
  private async assertMayManage(tx: EntityManager, actor: DiscordActor, userId: string): Promise<void> {
    const tier = await this.members.tierOf(actor.orgId, userId, tx);
    if (!tier) throw Problem.notFound('Member');
    if (actor.userId === userId) return;
    this.members.assertMayManage({ tier: actor.tier ?? 'officer', userId: actor.userId }, tier);
  }

  private logged(
    actor: DiscordActor,
    action: NewSyncLogEntry['action'],
    discordId: string,
    userId: string | null,
  ): NewSyncLogEntry {
    return {
      orgId: actor.orgId,
      action,
      discordId,
      userId,
      added: [],
      removed: [],
      ok: true,
      error: null,
      actorUserId: actor.userId,
      apiKeyId: actor.apiKeyId,
    };
  }

  private async linkChanged(
    tx: EntityManager,
    actor: DiscordActor,
    action: 'link' | 'unlink',
    userId: string,
    discordId: string,
  ): Promise<void> {
    await this.log.insert(tx, [this.logged(actor, action, discordId, userId)]);
    await this.events.record(tx, {
      orgId: actor.orgId,
      subjectId: userId,
      type: action === 'link' ? 'dkp.member.linked' : 'dkp.member.unlinked',
      payload: { userId, discordId, actorUserId: actor.userId, apiKeyId: actor.apiKeyId },
    });
  }
}
