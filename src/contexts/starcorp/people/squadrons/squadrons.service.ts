import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../../platform/tenancy/tiers';
import { uniqueOr409 } from '../common/unique';
import { StarcorpMemberProfilesRepository } from '../members/member-profiles.repository';
import { requireUser } from '../members/members.service';
import {
  AddSquadronMemberDto,
  ChangeSquadronCommanderDto,
  CreateSquadronDto,
  ListAllSquadronsQueryDto,
  ListSquadronsQueryDto,
  MySquadronsDto,
  SquadronDto,
  SquadronMemberDto,
  UpdateSquadronDto,
  UpdateSquadronMemberDto,
} from './dto/squadron.dto';
import { mayManageSquadron, seatRefusal, slugify, type SquadronRole } from './squadron-rules';
import { StarcorpSquadronMembership } from './squadron-membership.entity';
import { StarcorpSquadron } from './squadron.entity';
import { StarcorpSquadronsRepository } from './squadrons.repository';

const SQUADRON_UNIQUE = {
  uq_starcorp_squadrons_org_name: 'name',
  uq_starcorp_squadrons_org_slug: 'slug',
  uq_starcorp_squadrons_org_callsign: 'callsign',
};

export function toSquadronDto(s: StarcorpSquadron, memberCount: number): SquadronDto {
  return {
    id: s.id,
    name: s.name,
    slug: s.slug,
    callsign: s.callsign,
    description: s.description,
    motto: s.motto,
    commanderUserId: s.commanderUserId,
    focus: s.focus,
    active: s.active,
    recruiting: s.recruiting,
    maxMembers: s.maxMembers,
    memberCount,
    logoUrl: s.logoUrl,
    colorCode: s.colorCode,
  };
}

export function toSquadronMemberDto(m: StarcorpSquadronMembership): SquadronMemberDto {
  return {
    id: m.id,
    squadronId: m.squadronId,
    userId: m.userId,
    role: m.role,
    joinedAt: m.joinedAt,
    leftAt: m.leftAt,
    notes: m.notes,
  };
}

/** Who seats someone: the member themself (a join) or a manager (an add). */
type SeatCause = { via: 'join' } | { via: 'added'; role: SquadronRole; notes: string | null };

/**
 * Squadrons and their memberships. Every seat change locks the squadron row first, then the
 * seated user's profile row: capacity is counted under the squadron lock (so racing joins never
 * overfill it) and the one-squadron-per-member rule under the user's.
 */
@Injectable()
export class StarcorpSquadronsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly squadrons: StarcorpSquadronsRepository,
    private readonly profiles: StarcorpMemberProfilesRepository,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /** Public: the active squadrons. */
  listActive(orgId: string, q: ListSquadronsQueryDto): Promise<Page<SquadronDto>> {
    return this.list(orgId, { ...q, active: true });
  }

  async list(orgId: string, q: ListAllSquadronsQueryDto): Promise<Page<SquadronDto>> {
    const rows = await this.squadrons.list(orgId, q);
    const counts = await this.squadrons.memberCounts(
      orgId,
      rows.map((s) => s.id),
    );
    return keysetPage(
      rows,
      q.limit,
      (s) => [s.name, s.id],
      (s) => toSquadronDto(s, counts.get(s.id) ?? 0),
    );
  }

  /** One squadron; `activeOnly` (public reads) hides inactive ones as 404. */
  async get(orgId: string, id: string, activeOnly = false): Promise<SquadronDto> {
    const squadron = await this.squadrons.get(this.db.manager, orgId, id);
    if (activeOnly && !squadron.active) throw Problem.notFound('Squadron');
    return this.dtoOf(this.db.manager, squadron);
  }

  async mine(access: OrgAccess): Promise<MySquadronsDto> {
    const memberships = await this.squadrons.activeMembershipsOf(this.db.manager, access.org.id, requireUser(access));
    const squadrons = new Map(
      (
        await this.squadrons.byIds(
          access.org.id,
          memberships.map((m) => m.squadronId),
        )
      ).map((s) => [s.id, s]),
    );
    const counts = await this.squadrons.memberCounts(access.org.id, [...squadrons.keys()]);
    return {
      items: memberships.map((m) => ({
        squadron: toSquadronDto(squadrons.get(m.squadronId)!, counts.get(m.squadronId) ?? 0),
        membership: toSquadronMemberDto(m),
      })),
    };
  }

  async create(access: OrgAccess, dto: CreateSquadronDto): Promise<SquadronDto> {
    const orgId = access.org.id;
    if (dto.commanderUserId) await this.assertOrgMember(orgId, dto.commanderUserId);
    return withTransaction(this.db, async (tx) => {
      const squadron = tx.create(StarcorpSquadron, {
        ...dto,
        orgId,
        slug: dto.slug ?? slugify(dto.name),
        commanderUserId: dto.commanderUserId ?? null,
      });
      await this.saveUnique(tx, squadron);
      await this.audit.recordInTransaction(tx, squadron);
      return this.dtoOf(tx, squadron);
    });
  }

  async update(access: OrgAccess, id: string, dto: UpdateSquadronDto): Promise<SquadronDto> {
    return withTransaction(this.db, async (tx) => {
      const squadron = await this.squadrons.get(tx, access.org.id, id, true);
      Object.assign(squadron, dto);
      await this.saveUnique(tx, squadron);
      await this.audit.recordInTransaction(tx, squadron);
      return this.dtoOf(tx, squadron);
    });
  }

  /** Officers hand the squadron to another commander (or none); announced as `commander_changed`. */
  async changeCommander(access: OrgAccess, id: string, dto: ChangeSquadronCommanderDto): Promise<SquadronDto> {
    const orgId = access.org.id;
    if (dto.userId) await this.assertOrgMember(orgId, dto.userId);
    return withTransaction(this.db, async (tx) => {
      const squadron = await this.squadrons.get(tx, orgId, id, true);
      const previous = squadron.commanderUserId;
      if (previous !== dto.userId) {
        squadron.commanderUserId = dto.userId;
        await tx.save(squadron);
        await this.record(tx, squadron, 'starcorp.squadron.commander_changed', {
          oldCommanderUserId: previous,
          newCommanderUserId: dto.userId,
          changedBy: access.userId,
        });
        await this.audit.recordInTransaction(tx, squadron);
      }
      return this.dtoOf(tx, squadron);
    });
  }

  /** The caller joins (409 squadron-inactive, -not-recruiting, -full, already-in-squadron). */
  async join(access: OrgAccess, id: string): Promise<SquadronMemberDto> {
    const userId = requireUser(access);
    return withTransaction(this.db, (tx) => this.seat(tx, access, id, userId, { via: 'join' }));
  }

  async leave(access: OrgAccess, id: string): Promise<void> {
    const userId = requireUser(access);
    await withTransaction(this.db, async (tx) => {
      const squadron = await this.squadrons.get(tx, access.org.id, id, true);
      await this.unseat(tx, access, squadron, userId);
    });
  }

  /** A manager (commander, lead, officer) adds a member; a closed squadron still takes them. */
  async addMember(access: OrgAccess, id: string, dto: AddSquadronMemberDto): Promise<SquadronMemberDto> {
    await this.assertOrgMember(access.org.id, dto.userId);
    return withTransaction(this.db, (tx) =>
      this.seat(tx, access, id, dto.userId, { via: 'added', role: dto.role ?? 'member', notes: dto.notes ?? null }),
    );
  }

  async updateMember(
    access: OrgAccess,
    id: string,
    userId: string,
    dto: UpdateSquadronMemberDto,
  ): Promise<SquadronMemberDto> {
    return withTransaction(this.db, async (tx) => {
      const squadron = await this.squadrons.get(tx, access.org.id, id, true);
      await this.assertManager(tx, access, squadron);
      const membership = await this.activeMembership(tx, squadron.id, userId);
      Object.assign(membership, dto);
      await tx.save(membership);
      await this.audit.recordInTransaction(tx, membership);
      return toSquadronMemberDto(membership);
    });
  }

  async removeMember(access: OrgAccess, id: string, userId: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const squadron = await this.squadrons.get(tx, access.org.id, id, true);
      await this.assertManager(tx, access, squadron);
      await this.unseat(tx, access, squadron, userId);
    });
  }

  async listMembers(
    orgId: string,
    id: string,
    q: { limit: number; cursor?: string; includeFormer?: boolean },
  ): Promise<Page<SquadronMemberDto>> {
    await this.squadrons.get(this.db.manager, orgId, id);
    const rows = await this.squadrons.members(orgId, id, q, q.includeFormer ?? false);
    return keysetPage(rows, q.limit, (m) => timeAndId(m.joinedAt, m.id), toSquadronMemberDto);
  }

  /** For missions: the squadron of the org (404 otherwise), read in the caller's transaction. */
  squadronInOrg(manager: EntityManager, orgId: string, id: string): Promise<StarcorpSquadron> {
    return this.squadrons.get(manager, orgId, id);
  }

  /** For missions: whether the user is an active member of the squadron. */
  async isActiveMember(manager: EntityManager, squadronId: string, userId: string): Promise<boolean> {
    return (await this.squadrons.activeMembership(manager, squadronId, userId)) !== null;
  }

  /** Takes a seat under the squadron lock, then the user's profile lock (fixed order). */
  private async seat(
    tx: EntityManager,
    access: OrgAccess,
    id: string,
    userId: string,
    cause: SeatCause,
  ): Promise<SquadronMemberDto> {
    const orgId = access.org.id;
    const squadron = await this.squadrons.get(tx, orgId, id, true);
    if (cause.via === 'added') await this.assertManager(tx, access, squadron);
    await this.profiles.lockOrCreate(tx, orgId, userId);
    const memberCount = (await this.squadrons.memberCounts(orgId, [squadron.id], tx)).get(squadron.id) ?? 0;
    const refusal = seatRefusal({ ...squadron, memberCount }, cause.via === 'join' ? 'self' : 'lead');
    if (refusal) throw refusal;
    const current = await this.squadrons.activeMembershipsOf(tx, orgId, userId);
    const limit = await this.squadrons.squadronsPerMember(tx, orgId);
    const blocking =
      current.find((m) => m.squadronId === squadron.id) ?? (current.length >= limit ? current[0] : undefined);
    if (blocking) {
      throw Problem.conflict(
        blocking.squadronId === squadron.id
          ? 'Already a member of this squadron'
          : 'Already in as many squadrons as the org allows',
        'already-in-squadron',
        { squadronId: blocking.squadronId },
      );
    }
    const membership = await tx.save(
      tx.create(StarcorpSquadronMembership, {
        orgId,
        squadronId: squadron.id,
        userId,
        role: cause.via === 'added' ? cause.role : 'member',
        notes: cause.via === 'added' ? cause.notes : null,
        joinedAt: new Date(),
        leftAt: null,
      }),
    );
    await this.record(tx, squadron, 'starcorp.squadron.member_joined', {
      userId,
      role: membership.role,
      via: cause.via,
      addedBy: cause.via === 'added' ? access.userId : null,
    });
    await this.audit.recordInTransaction(tx, membership);
    return toSquadronMemberDto(membership);
  }

  private async unseat(
    tx: EntityManager,
    access: OrgAccess,
    squadron: StarcorpSquadron,
    userId: string,
  ): Promise<void> {
    const membership = await this.activeMembership(tx, squadron.id, userId);
    membership.leftAt = new Date();
    await tx.save(membership);
    await this.record(tx, squadron, 'starcorp.squadron.member_left', {
      userId,
      removedBy: access.userId === userId ? null : access.userId,
    });
    await this.audit.recordInTransaction(tx, membership);
  }

  private async activeMembership(
    tx: EntityManager,
    squadronId: string,
    userId: string,
  ): Promise<StarcorpSquadronMembership> {
    const membership = await this.squadrons.activeMembership(tx, squadronId, userId);
    if (!membership) throw Problem.notFound('Squadron member');
    return membership;
  }

  /** Officers of the org, the squadron's commander and its leads manage its members; others 403. */
  private async assertManager(tx: EntityManager, access: OrgAccess, squadron: StarcorpSquadron): Promise<void> {
    const isOfficer = access.tier !== null && tierAtLeast(access.tier, 'officer');
    const isCommander = access.userId !== null && squadron.commanderUserId === access.userId;
    const own = access.userId ? await this.squadrons.activeMembership(tx, squadron.id, access.userId) : null;
    if (!mayManageSquadron({ isOfficer, userId: access.userId, isCommander, isLead: own?.role === 'lead' })) {
      throw Problem.forbidden("Only the squadron's commander, its leads or an officer manage its members");
    }
  }

  private async assertOrgMember(orgId: string, userId: string): Promise<void> {
    if (!(await this.members.memberIdsAmong(orgId, [userId])).has(userId)) throw Problem.notFound('Member');
  }

  private record(
    tx: EntityManager,
    squadron: StarcorpSquadron,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    return this.events.record(tx, {
      orgId: squadron.orgId,
      type,
      subjectId: squadron.id,
      payload: { squadronId: squadron.id, squadronName: squadron.name, ...payload },
    });
  }

  private async dtoOf(manager: EntityManager, squadron: StarcorpSquadron): Promise<SquadronDto> {
    const counts = await this.squadrons.memberCounts(squadron.orgId, [squadron.id], manager);
    return toSquadronDto(squadron, counts.get(squadron.id) ?? 0);
  }

  private saveUnique(tx: EntityManager, squadron: StarcorpSquadron): Promise<StarcorpSquadron> {
    return uniqueOr409(() => tx.save(squadron), 'squadron-name-taken', SQUADRON_UNIQUE);
  }
}
