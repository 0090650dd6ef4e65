import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Readable } from 'node:stream';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { decodeKey } from '../../../../platform/http/keyset';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import type { MemberSummary } from '../../../../platform/tenancy/members/member-directory';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import { UsersService } from '../../../../platform/auth/users/users.service';
import { FilesService, type OpenedFile } from '../../../../platform/files/files.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { toStarcorpRankDto } from '../ranks/ranks.service';
import { StarcorpRanksService } from '../ranks/ranks.service';
import type { StarcorpRank } from '../ranks/starcorp-rank.entity';
import {
  CreateServiceRecordDto,
  ListStarcorpMembersQueryDto,
  ServiceRecordDto,
  StarcorpMemberDetailDto,
  StarcorpMemberDto,
  UpdateMyStarcorpProfileDto,
  UpdateStarcorpMemberDto,
} from './dto/member.dto';
import { StarcorpSquadronsRepository } from '../squadrons/squadrons.repository';
import { chooseAvatar } from './avatar-url';
import { filterMembers, shownName } from './member-list';
import type { StarcorpMemberProfile } from './member-profile.entity';
import { StarcorpMemberProfilesRepository } from './member-profiles.repository';
import { StarcorpServiceRecord, type ServiceRecordKind } from './service-record.entity';

const RECENT_RECORDS = 20;

export function toServiceRecordDto(r: StarcorpServiceRecord): ServiceRecordDto {
  return {
    id: r.id,
    userId: r.userId,
    kind: r.kind,
    title: r.title,
    completedAt: r.completedAt,
    awardedBy: r.awardedBy,
  };
}

/** Profiles, ranks held and service records of the org's members (the member list is the platform's). */
@Injectable()
export class StarcorpMembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly users: UsersService,
    private readonly profiles: StarcorpMemberProfilesRepository,
    private readonly ranks: StarcorpRanksService,
    private readonly squadrons: StarcorpSquadronsRepository,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly files: FilesService,
  ) {}

  /** Members by username from the platform's list, narrowed by the rank and squadron filters. */
  async list(org: OrgRef, q: ListStarcorpMembersQueryDto): Promise<Page<StarcorpMemberDto>> {
    const orgId = org.id;
    await this.ranks.ensureSeeded(orgId);
    const userIds = await this.narrowedUserIds(orgId, q);
    const summaries = userIds?.length === 0 ? [] : await this.members.memberSummaries(orgId, { userIds });
    const profiles = await this.profiles.byUser(orgId, q.search ? undefined : summaries.map((m) => m.id));
    const names = new Map([...profiles].map(([id, p]) => [id, p.displayName]));
    const afterUsername = q.cursor ? String(decodeKey(q.cursor, [['username', 'text']])[0]) : undefined;
    const rows = filterMembers(summaries, { tier: q.tier, search: q.search, afterUsername }, names, q.limit);
    const rankOf = await this.ranks.byIds(orgId, distinct(rows.map((m) => profiles.get(m.id)?.rankId)));
    const discord = await this.users.discordProfilesOf(rows.map((m) => m.id));
    return keysetPage(
      rows,
      q.limit,
      (m) => [m.username],
      (m) => toMemberDto(org, m, profiles.get(m.id), rankOf, discord.get(m.id)),
    );
  }

  async get(org: OrgRef, userId: string): Promise<StarcorpMemberDetailDto> {
    const orgId = org.id;
    const member = await this.summaryOf(orgId, userId);
    const profile = (await this.profiles.byUser(orgId, [userId])).get(userId);
    const rankOf = await this.ranks.byIds(orgId, distinct([profile?.rankId]));
    const [stats, records, discord] = await Promise.all([
      this.profiles.stats(orgId, userId),
      this.profiles.records(orgId, userId, { limit: RECENT_RECORDS }),
      this.users.discordProfilesOf([userId]),
    ]);
    return {
      ...toMemberDto(org, member, profile, rankOf, discord.get(userId)),
      bio: profile?.bio ?? null,
      stats,
      recentRecords: records.slice(0, RECENT_RECORDS).map(toServiceRecordDto),
    };
  }

  /** The caller edits their own profile (name and bio). */
  async updateMine(access: OrgAccess, dto: UpdateMyStarcorpProfileDto): Promise<StarcorpMemberDetailDto> {
    const orgId = access.org.id;
    const userId = requireUser(access);
    await withTransaction(this.db, async (tx) => {
      const profile = await this.profiles.lockOrCreate(tx, orgId, userId);
      Object.assign(profile, dto);
      await tx.save(profile);
      await this.audit.recordInTransaction(tx, { id: profile.id });
    });
    return this.get(access.org, userId);
  }

  /**
   * Replaces the caller's avatar (PNG, JPEG or WebP by content, at most 2 MiB: else 413/415); the
   * previous file is removed in the same transaction. It is preferred over the Discord avatar.
   */
  async putAvatar(
    access: OrgAccess,
    upload: { bytes: Readable; declaredSize?: number },
  ): Promise<StarcorpMemberDetailDto> {
    const orgId = access.org.id;
    const userId = requireUser(access);
    await withTransaction(this.db, async (tx) => {
      const file = await this.files.store(tx, { orgId, uploaderId: userId, purpose: 'avatar', ...upload });
      const profile = await this.profiles.lockOrCreate(tx, orgId, userId);
      if (profile.avatarFileId) await this.files.remove(tx, orgId, profile.avatarFileId);
      profile.avatarFileId = file.id;
      await tx.save(profile);
      await this.audit.recordInTransaction(tx, { id: profile.id });
    });
    return this.get(access.org, userId);
  }

  /** Removes the caller's uploaded avatar. */
  async deleteAvatar(access: OrgAccess): Promise<void> {
    const orgId = access.org.id;
    const userId = requireUser(access);
    await withTransaction(this.db, async (tx) => {
      const profile = await this.profiles.lockOrCreate(tx, orgId, userId);
      if (!profile.avatarFileId) throw Problem.notFound('Avatar');
      await this.files.remove(tx, orgId, profile.avatarFileId);
      profile.avatarFileId = null;
      await tx.save(profile);
      await this.audit.recordInTransaction(tx, { id: profile.id });
    });
  }

  /** A member's uploaded avatar: its bytes and type; 404 when they have none. */
  async openAvatar(orgId: string, userId: string): Promise<OpenedFile> {
    const profile = (await this.profiles.byUser(orgId, [userId])).get(userId);
    if (!profile?.avatarFileId || !(await this.members.memberIdsAmong(orgId, [userId])).has(userId)) {
      throw Problem.notFound('Avatar');
    }
    return this.files.open(orgId, profile.avatarFileId);
  }

  /**
   * An officer sets a member's rank (at most their own tier's members, like every change of
   * another member); a real change is announced as `starcorp.member.rank_changed`.
   */
  async setRank(access: OrgAccess, userId: string, dto: UpdateStarcorpMemberDto): Promise<StarcorpMemberDetailDto> {
    const orgId = access.org.id;
    const member = await this.summaryOf(orgId, userId);
    this.members.assertMayManage(access, member.tier);
    await withTransaction(this.db, async (tx) => {
      const rank = dto.rankId ? await this.ranks.inOrg(tx, orgId, dto.rankId) : null;
      const profile = await this.profiles.lockOrCreate(tx, orgId, userId);
      const oldRankId = profile.rankId;
      if (oldRankId === (rank?.id ?? null)) return;
      const oldRank = oldRankId ? await this.ranks.inOrg(tx, orgId, oldRankId) : null;
      profile.rankId = rank?.id ?? null;
      await tx.save(profile);
      await this.events.record(tx, {
        orgId,
        type: 'starcorp.member.rank_changed',
        subjectId: userId,
        payload: {
          userId,
          oldRankId,
          oldRankName: oldRank?.name ?? null,
          newRankId: rank?.id ?? null,
          newRankName: rank?.name ?? null,
          changedBy: access.userId,
        },
      });
      await this.audit.recordInTransaction(tx, { id: profile.id });
    });
    return this.get(access.org, userId);
  }

  /** An officer records a completed mission or training. */
  async addRecord(access: OrgAccess, userId: string, dto: CreateServiceRecordDto): Promise<ServiceRecordDto> {
    const orgId = access.org.id;
    await this.summaryOf(orgId, userId);
    return withTransaction(this.db, async (tx) => {
      const record = await tx.save(
        tx.create(StarcorpServiceRecord, { orgId, userId, ...dto, awardedBy: access.userId }),
      );
      await this.audit.recordInTransaction(tx, record);
      return toServiceRecordDto(record);
    });
  }

  /**
   * For missions: adds a service record inside the caller's transaction (no audit entry of its
   * own; the caller audits its change), e.g. one per attendee when a mission completes.
   */
  async addRecordInTransaction(
    tx: EntityManager,
    orgId: string,
    userId: string,
    record: { kind: ServiceRecordKind; title: string; completedAt: Date },
    awardedBy: string | null,
  ): Promise<ServiceRecordDto> {
    const saved = await tx.save(tx.create(StarcorpServiceRecord, { orgId, userId, ...record, awardedBy }));
    return toServiceRecordDto(saved);
  }

  async listRecords(orgId: string, userId: string, q: CursorPageQueryDto): Promise<Page<ServiceRecordDto>> {
    await this.summaryOf(orgId, userId);
    const rows = await this.profiles.records(orgId, userId, q);
    return keysetPage(rows, q.limit, (r) => timeAndId(r.completedAt, r.id), toServiceRecordDto);
  }

  /**
   * The users the rank and squadron filters allow (intersected), or undefined when neither is
   * given: the platform's member list is then narrowed to them.
   */
  private async narrowedUserIds(orgId: string, q: ListStarcorpMembersQueryDto): Promise<string[] | undefined> {
    const sets = await Promise.all([
      q.rankId ? this.profiles.userIdsWithRank(orgId, q.rankId) : undefined,
      q.squadronId ? this.squadrons.activeUserIds(orgId, q.squadronId) : undefined,
    ]);
    const given = sets.filter((ids): ids is string[] => ids !== undefined);
    if (given.length === 0) return undefined;
    return given.reduce((a, b) => a.filter((id) => b.includes(id)));
  }

  /** The member, or 404 for anyone who is not one (another org's members included). */
  private async summaryOf(orgId: string, userId: string): Promise<MemberSummary> {
    const [member] = await this.members.memberSummaries(orgId, { userIds: [userId] });
    if (!member) throw Problem.notFound('Member');
    return member;
  }
}

/** The org as the member views need it: its id for queries, its slug for links. */
export type OrgRef = Pick<OrgAccess['org'], 'id' | 'slug'>;

function toMemberDto(
  org: OrgRef,
  m: MemberSummary,
  profile: StarcorpMemberProfile | undefined,
  rankOf: Map<string, StarcorpRank>,
  discord: { discordId: string | null; discordAvatar: string | null } | undefined,
): StarcorpMemberDto {
  const rank = profile?.rankId ? rankOf.get(profile.rankId) : undefined;
  const avatar = chooseAvatar({
    uploadedUrl: profile?.avatarFileId ? `/api/v1/orgs/${org.slug}/starcorp/members/${m.id}/avatar` : null,
    discordId: discord?.discordId ?? m.discordId,
    discordAvatar: discord?.discordAvatar ?? null,
  });
  return {
    userId: m.id,
    username: m.username,
    displayName: shownName(m, profile?.displayName),
    tier: m.tier,
    rank: rank ? toStarcorpRankDto(rank) : null,
    avatarUrl: avatar.avatarUrl,
    avatarSource: avatar.avatarSource,
    joinedAt: m.joinedAt,
  };
}

/** The user behind a member-only route; bot keys have none. */
export function requireUser(access: OrgAccess): string {
  if (!access.userId) throw Problem.forbidden('This route acts for the calling member; a bot key is none');
  return access.userId;
}

function distinct(ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))];
}
