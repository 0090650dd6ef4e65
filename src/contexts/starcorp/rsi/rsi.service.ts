import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { uniqueConflict } from '../../../platform/database/unique-conflict';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import {
  ListRsiMembersQueryDto,
  RsiClaimCodeDto,
  RsiMemberDto,
  RsiProfileDto,
  RsiSyncResultDto,
  UpdateRsiProfileDto,
} from './dto/rsi.dto';
import type { StarcorpRsiMember } from './members/rsi-member.entity';
import type { StarcorpRsiProfile } from './profile/rsi-profile.entity';
import { RsiRepository } from './rsi.repository';
import { bioHasCode, RsiCitizenListing, RsiOrganization } from './upstream/rsi-api-parse';
import { RsiApiClient } from './upstream/rsi-api.client';

export const RSI_SYNCED = 'starcorp.rsi.synced';

/** Who started a sync: an admin's request or the daily job. */
export type RsiSyncTrigger = 'manual' | 'schedule' | 'demo';

const HANDLE = /^[A-Za-z0-9_-]{1,64}$/;

export function toRsiProfileDto(p: StarcorpRsiProfile): RsiProfileDto {
  return {
    sid: p.sid,
    name: p.name,
    archetype: p.archetype,
    commitment: p.commitment,
    primaryLanguage: p.primaryLanguage,
    recruiting: p.recruiting,
    memberCount: p.memberCount,
    headline: p.headline,
    description: p.description,
    history: p.history,
    manifesto: p.manifesto,
    charter: p.charter,
    logoUrl: p.logoUrl,
    bannerUrl: p.bannerUrl,
    apiData: p.apiData,
    lastSyncedAt: p.lastSyncedAt,
    updatedAt: p.updatedAt,
  };
}

export function toRsiMemberDto(m: StarcorpRsiMember): RsiMemberDto {
  return {
    handle: m.handle,
    displayName: m.displayName,
    rank: m.rank,
    stars: m.stars,
    avatarUrl: m.avatarUrl,
    bio: m.bio,
    userId: m.userId,
    lastSeenAt: m.lastSeenAt,
    departedAt: m.departedAt,
  };
}

/** The 409 of a second handle for a user, or of a handle another member holds. */
function alreadyLinked(field: 'userId' | 'handle'): Problem {
  const detail =
    field === 'userId' ? 'That member already has an RSI handle in this org' : 'Another member holds that RSI handle';
  return Problem.conflict(detail, 'rsi-already-linked', { field });
}

/**
 * The RSI mirror: the org's profile and the citizens its RSI page lists, synced from the Star
 * Citizen API (both answers fetched first, then one transaction: an upstream failure changes
 * nothing), and the links between handles and members (an officer's `link`, a member's `claim`).
 */
@Injectable()
export class RsiService {
  constructor(
    private readonly repo: RsiRepository,
    private readonly api: RsiApiClient,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async getProfile(orgId: string): Promise<RsiProfileDto> {
    const profile = await this.repo.profile(orgId);
    if (!profile) throw Problem.notFound('RSI profile');
    return toRsiProfileDto(profile);
  }

  /** An admin sets the SID (and may edit the mirrored fields until the next sync). */
  updateProfile(orgId: string, dto: UpdateRsiProfileDto): Promise<RsiProfileDto> {
    return this.repo.transaction(async (tx) => {
      const profile = await this.repo.lockOrCreateProfile(tx, orgId);
      Object.assign(profile, dto);
      const saved = toRsiProfileDto(await this.repo.saveProfile(tx, profile));
      await this.audit.recordInTransaction(tx, { id: profile.id });
      return saved;
    });
  }

  /**
   * Fetches the organization and its member list, then in one transaction overwrites the profile,
   * upserts the listed handles, marks the others departed and records `starcorp.rsi.synced`.
   */
  async sync(orgId: string, trigger: RsiSyncTrigger): Promise<RsiSyncResultDto> {
    const sid = (await this.repo.profile(orgId))?.sid;
    if (!sid) {
      throw Problem.conflict('Set the RSI SID of the org first (PATCH profile)', 'rsi-sid-missing');
    }
    const [organization, listed] = await Promise.all([this.api.organization(sid), this.api.organizationMembers(sid)]);
    return this.applySync(orgId, sid, { organization, listed }, trigger);
  }

  /** Writes fetched answers (or the demo's) in one transaction: see `sync`. */
  applySync(
    orgId: string,
    sid: string,
    { organization, listed }: { organization: RsiOrganization; listed: RsiCitizenListing[] },
    trigger: RsiSyncTrigger,
  ): Promise<RsiSyncResultDto> {
    return this.repo.transaction(async (tx) => {
      const profile = await this.repo.lockOrCreateProfile(tx, orgId);
      // An admin changed the SID while we fetched: these answers are another org's.
      if (profile.sid !== sid) throw Problem.conflict('The SID changed during the sync; sync again', 'conflict');
      const now = new Date();
      const known = await this.repo.knownHandles(tx, orgId);
      const added = listed.filter((c) => !known.has(c.handle.toLowerCase())).length;
      const returned = listed.filter((c) => known.get(c.handle.toLowerCase())).length;
      await this.repo.upsertListed(tx, orgId, listed, now);
      const departed = await this.repo.markDeparted(
        tx,
        orgId,
        listed.map((c) => c.handle),
        now,
      );
      applyOrganization(profile, organization, now);
      const saved = await this.repo.saveProfile(tx, profile);
      const counts = { listed: listed.length, added, returned, departed };
      await this.events.record(tx, {
        orgId,
        type: RSI_SYNCED,
        subjectId: profile.id,
        payload: { sid, trigger, memberCount: profile.memberCount, ...counts },
      });
      await this.audit.recordInTransaction(tx, { id: profile.id });
      return { profile: toRsiProfileDto(saved), ...counts };
    });
  }

  async listMembers(orgId: string, q: ListRsiMembersQueryDto): Promise<Page<RsiMemberDto>> {
    const rows = await this.repo.members(orgId, { state: q.state, linked: q.linked, search: q.search }, q);
    return keysetPage(rows, q.limit, (m) => [m.handle], toRsiMemberDto);
  }

  async getMember(orgId: string, handle: string): Promise<RsiMemberDto> {
    return toRsiMemberDto(await this.loadMember(orgId, handle));
  }

  /** An officer links a handle to a member (or unlinks it with null); one handle per member. */
  async link(access: OrgAccess, handle: string, userId: string | null): Promise<RsiMemberDto> {
    const orgId = access.org.id;
    await this.loadMember(orgId, handle);
    if (userId && !(await this.members.memberIdsAmong(orgId, [userId])).has(userId)) {
      throw Problem.notFound('Member');
    }
    return this.repo.transaction(async (tx) => {
      const member = await this.lockMember(tx, orgId, handle);
      if (member.userId !== userId) {
        const other = userId ? await this.repo.memberOfUser(orgId, userId, tx) : null;
        if (other) throw alreadyLinked('userId');
        member.userId = userId;
        await this.saveLinked(tx, member);
      }
      const dto = toRsiMemberDto(member);
      await this.audit.recordInTransaction(tx, { id: member.id });
      return dto;
    });
  }

  /** The caller's claim code (issued on first ask). */
  async claimCode(access: OrgAccess): Promise<RsiClaimCodeDto> {
    const code = await this.repo.claimCode(access.org.id, requireUser(access));
    return {
      code,
      instructions: `Add ${code} anywhere in the bio of your RSI profile, then claim your handle; you can remove it afterwards.`,
    };
  }

  /**
   * A member claims a listed handle: the citizen's bio is fetched live from the Star Citizen API
   * (the member just edited it) and must carry their claim code (else 422); the handle is then
   * theirs, with the fetched bio stored.
   */
  async claim(access: OrgAccess, handle: string): Promise<RsiMemberDto> {
    const orgId = access.org.id;
    const userId = requireUser(access);
    const listed = await this.loadMember(orgId, handle);
    if (listed.departedAt) throw Problem.notFound('RSI member');
    if (listed.userId === userId) return toRsiMemberDto(listed);
    if (listed.userId) throw alreadyLinked('handle');
    if (await this.repo.memberOfUser(orgId, userId)) throw alreadyLinked('userId');
    const code = await this.repo.claimCode(orgId, userId);
    const bio = await this.api.citizenBio(listed.handle);
    if (!bioHasCode(bio, code)) {
      throw new Problem(422, `The RSI bio of ${listed.handle} does not contain your claim code ${code}`, {
        slug: 'rsi-claim-code-missing',
        extensions: { code },
      });
    }
    return this.repo.transaction(async (tx) => {
      const member = await this.lockMember(tx, orgId, handle);
      if (member.userId && member.userId !== userId) throw alreadyLinked('handle');
      member.userId = userId;
      member.bio = bio;
      await this.saveLinked(tx, member);
      const dto = toRsiMemberDto(member);
      await this.audit.recordInTransaction(tx, { id: member.id });
      return dto;
    });
  }

  private async loadMember(orgId: string, handle: string): Promise<StarcorpRsiMember> {
    const member = HANDLE.test(handle) ? await this.repo.memberByHandle(orgId, handle) : null;
    if (!member) throw Problem.notFound('RSI member');
    return member;
  }

  private async lockMember(tx: EntityManager, orgId: string, handle: string): Promise<StarcorpRsiMember> {
    const member = await this.repo.memberByHandle(orgId, handle, tx, true);
    if (!member) throw Problem.notFound('RSI member');
    return member;
  }

  /** Saves a link; a racing link of the same user elsewhere is the same 409 as a checked one. */
  private saveLinked(tx: EntityManager, member: StarcorpRsiMember): Promise<StarcorpRsiMember> {
    return uniqueConflict(
      () => this.repo.saveMember(tx, member),
      (index) =>
        index === 'uq_starcorp_rsi_members_org_user'
          ? { detail: 'That member already has an RSI handle in this org', slug: 'rsi-already-linked', field: 'userId' }
          : undefined,
    );
  }
}

/** The mirrored fields from the API's organization (the SID is ours: it chose what to fetch). */
function applyOrganization(profile: StarcorpRsiProfile, org: RsiOrganization, now: Date): void {
  profile.name = org.name;
  profile.archetype = org.archetype;
  profile.commitment = org.commitment;
  profile.primaryLanguage = org.primaryLanguage;
  profile.recruiting = org.recruiting;
  profile.memberCount = org.memberCount;
  profile.headline = org.headline;
  profile.description = org.description;
  profile.history = org.history;
  profile.manifesto = org.manifesto;
  profile.charter = org.charter;
  profile.logoUrl = org.logoUrl;
  profile.bannerUrl = org.bannerUrl;
  profile.apiData = org.raw;
  profile.lastSyncedAt = now;
}

/** The user behind a member-only route; bot keys have none. */
function requireUser(access: OrgAccess): string {
  if (!access.userId) throw Problem.forbidden('This route acts for the calling member; a bot key is none');
  return access.userId;
}
