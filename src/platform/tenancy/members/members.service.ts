import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findUserByIdOrUsername } from '../../auth/users/users.queries';
import { withTransaction } from '../../database/transactions';
import { DomainEvents } from '../../events/domain-events';
import { keysetPage, Page } from '../../http/pagination';
import { Problem } from '../../http/problem';
import { AddMemberDto, ListMembersQueryDto, MemberDto, UpdateMemberDto } from '../dto/member.dto';
import type { OrgAccess } from '../org-access';
import { type Grant, type Tier, tierAtLeast, tierRank } from '../tiers';
import type {
  JoinedVia,
  MailRecipient,
  MemberChangeCause,
  MemberSummary,
  MemberSummaryFilter,
} from './member-directory';
import { memberGrantsChanged, memberJoined, memberRemoved, memberTierChanged, sameGrants } from './member-events';
import { assertMayAssign, assertMayManage } from './member-rules';
import { Membership } from './membership.entity';
import { MembersRepository } from './members.repository';

/**
 * Org memberships: the members HTTP routes, and the methods contexts call instead of touching the
 * `memberships` table. Every change records its `platform.member.*` event in the same transaction.
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly memberships: MembersRepository,
    private readonly events: DomainEvents,
  ) {}

  // --- HTTP routes -------------------------------------------------------------------------

  async list(orgId: string, query: ListMembersQueryDto): Promise<Page<MemberDto>> {
    const rows = await this.memberships.listPage(orgId, query);
    return keysetPage(
      rows,
      query.limit,
      (row) => [row.username],
      (row) => row,
    );
  }

  async get(orgId: string, userId: string, tx?: EntityManager): Promise<MemberDto> {
    const row = await this.memberships.findRow(orgId, userId, tx);
    if (!row) throw Problem.notFound('Member');
    return row;
  }

  async add(actor: OrgAccess, dto: AddMemberDto): Promise<MemberDto> {
    assertMayAssign(actor, dto.tier);
    const user = await findUserByIdOrUsername(
      this.db.manager,
      dto.userId ? { id: dto.userId } : { username: dto.username! },
    );
    if (!user || user.disabledAt) throw Problem.notFound('User');
    const member = { orgId: actor.org.id, userId: user.id, tier: dto.tier, grants: dto.grants ?? [] };
    // The transaction returns the response: with an Idempotency-Key it is stored in the same commit.
    return withTransaction(this.db, async (tx) => {
      await this.join(tx, member, 'added', causeOf(actor, 'platform.members.add'));
      return this.get(actor.org.id, user.id, tx);
    });
  }

  /** Adds a member (an admin's add, an accepted invitation); 409 `already-member` when they are one. */
  async join(
    tx: EntityManager,
    member: { orgId: string; userId: string; tier: Tier; grants: Grant[] },
    via: JoinedVia,
    cause: MemberChangeCause,
  ): Promise<void> {
    const row = { ...member, grants: [...new Set(member.grants)] };
    if (!(await this.memberships.insertIfMissing(tx, row))) {
      const existing = await this.memberships.find(tx, member.orgId, member.userId);
      throw Problem.conflict(
        via === 'invitation' ? 'You are already a member of this org' : 'That user is already a member',
        'already-member',
        { tier: existing?.tier },
      );
    }
    await this.events.record(tx, memberJoined(member.orgId, row, via, cause));
  }

  async update(actor: OrgAccess, userId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    return withTransaction(this.db, async (tx) => {
      const membership = await this.lockMembership(tx, actor.org.id, userId);
      assertMayManage(actor, membership.tier);
      const cause = causeOf(actor, 'platform.members.update');
      if (dto.tier && dto.tier !== membership.tier) {
        assertMayAssign(actor, dto.tier);
        await this.changeTier(tx, membership, dto.tier, cause);
      }
      if (dto.grants && !sameGrants(dto.grants, membership.grants))
        await this.changeGrants(tx, membership, [...new Set(dto.grants)], cause);
      return this.get(actor.org.id, userId, tx);
    });
  }

  /** Removes a member, or lets the caller leave when `userId` is their own. */
  async remove(actor: OrgAccess, userId: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const membership = await this.lockMembership(tx, actor.org.id, userId);
      const leaving = userId === actor.userId;
      if (!leaving) assertMayManage(actor, membership.tier);
      await this.deleteMembership(
        tx,
        membership,
        causeOf(actor, leaving ? 'platform.members.leave' : 'platform.members.remove'),
      );
    });
  }

  // --- For contexts: changes in the caller's transaction -----------------------------------

  /**
   * Sets the membership to at least `tier`, creating it when missing; a higher tier is kept.
   * Returns the resulting tier. Locks the membership row.
   */
  async raiseTier(
    tx: EntityManager,
    orgId: string,
    userId: string,
    tier: Tier,
    cause: MemberChangeCause,
  ): Promise<Tier> {
    if (await this.createIfMissing(tx, orgId, userId, tier, cause)) return tier;
    const membership = (await this.memberships.find(tx, orgId, userId, { lock: true }))!;
    if (tierAtLeast(membership.tier, tier)) return membership.tier;
    await this.changeTier(tx, membership, tier, cause);
    return tier;
  }

  /**
   * Sets the membership to `tier` when it is above `tier` and (when given) below `unlessAtLeast`;
   * returns the resulting tier, or null when there is no membership. Demoting the last owner is
   * refused with 409 `last-owner`, as over HTTP.
   */
  async lowerTier(
    tx: EntityManager,
    orgId: string,
    userId: string,
    tier: Tier,
    cause: MemberChangeCause,
    options: { unlessAtLeast?: Tier } = {},
  ): Promise<Tier | null> {
    await this.memberships.lockOrg(tx, orgId);
    const membership = await this.memberships.find(tx, orgId, userId, { lock: true });
    if (!membership) return null;
    const above = tierRank(membership.tier) > tierRank(tier);
    const exempt = options.unlessAtLeast !== undefined && tierAtLeast(membership.tier, options.unlessAtLeast);
    if (!above || exempt) return membership.tier;
    await this.changeTier(tx, membership, tier, cause);
    return tier;
  }

  /** Creates the membership at `tier` when missing (an applicant, say); an existing one keeps its tier. */
  async ensureMembership(
    tx: EntityManager,
    orgId: string,
    userId: string,
    tier: Tier,
    cause: MemberChangeCause,
  ): Promise<{ tier: Tier; created: boolean }> {
    if (await this.createIfMissing(tx, orgId, userId, tier, cause)) return { tier, created: true };
    const existing = (await this.memberships.find(tx, orgId, userId))!;
    return { tier: existing.tier, created: false };
  }

  /** Bulk form for loaders and demo data; each membership created is announced. Returns how many. */
  async ensureMemberships(
    tx: EntityManager,
    orgId: string,
    rows: { userId: string; tier: Tier }[],
    cause: MemberChangeCause,
  ): Promise<number> {
    const created = await this.memberships.insertManyIfMissing(tx, orgId, rows);
    await this.events.recordAll(
      tx,
      created.map((member) => memberJoined(orgId, { ...member, grants: [] }, 'context', cause)),
    );
    return created.length;
  }

  /** Removes the membership; false when there is none. The last owner cannot be removed (409). */
  async removeMember(tx: EntityManager, orgId: string, userId: string, cause: MemberChangeCause): Promise<boolean> {
    await this.memberships.lockOrg(tx, orgId);
    const membership = await this.memberships.find(tx, orgId, userId, { lock: true });
    if (!membership) return false;
    await this.deleteMembership(tx, membership, cause);
    return true;
  }

  // --- For contexts: reads -----------------------------------------------------------------

  tierOf(orgId: string, userId: string, tx?: EntityManager): Promise<Tier | null> {
    return this.memberships.tierOf(orgId, userId, tx);
  }

  /** Which of `userIds` are members of the org. */
  memberIdsAmong(orgId: string, userIds: string[], tx?: EntityManager): Promise<Set<string>> {
    return this.memberships.memberIdsAmong(orgId, userIds, tx);
  }

  memberUserIds(orgId: string, tx?: EntityManager): Promise<string[]> {
    return this.memberships.memberUserIds(orgId, tx);
  }

  /** Members by username; `options` narrows to some users, a minimum tier, or enabled users. */
  memberSummaries(orgId: string, options: MemberSummaryFilter = {}, tx?: EntityManager): Promise<MemberSummary[]> {
    return this.memberships.summaries(orgId, options, tx);
  }

  /**
   * Where to mail an org's members at `minTier` or above (officers for a digest, say): enabled
   * users with an email address. Contexts get addresses only through this, for the platform mailer.
   */
  mailRecipients(orgId: string, minTier: Tier, tx?: EntityManager): Promise<MailRecipient[]> {
    return this.memberships.mailRecipients(orgId, minTier, tx);
  }

  /**
   * THE rule for changing another member (tier, Discord link, ...): the actor's tier must be at
   * least the target's (equal allowed; owners manage anyone). Throws 403 `tier-above-own`.
   */
  assertMayManage(actor: { tier: Tier | null; userId: string | null }, targetTier: Tier): void {
    assertMayManage(actor, targetTier);
  }

  // --- Shared steps ------------------------------------------------------------------------

  private async createIfMissing(
    tx: EntityManager,
    orgId: string,
    userId: string,
    tier: Tier,
    cause: MemberChangeCause,
  ): Promise<boolean> {
    const member = { orgId, userId, tier, grants: [] };
    if (!(await this.memberships.insertIfMissing(tx, member))) return false;
    await this.events.record(tx, memberJoined(orgId, member, 'context', cause));
    return true;
  }

  /** Changes the tier of a locked membership; demoting an owner needs another owner to remain. */
  private async changeTier(
    tx: EntityManager,
    membership: Membership,
    to: Tier,
    cause: MemberChangeCause,
  ): Promise<void> {
    const from = membership.tier;
    if (from === 'owner') await this.assertNotLastOwner(tx, membership.orgId);
    membership.tier = to;
    await this.memberships.save(tx, membership);
    await this.events.record(tx, memberTierChanged(membership.orgId, membership.userId, from, to, cause));
  }

  private async changeGrants(
    tx: EntityManager,
    membership: Membership,
    to: Membership['grants'],
    cause: MemberChangeCause,
  ): Promise<void> {
    const from = membership.grants;
    membership.grants = to;
    await this.memberships.save(tx, membership);
    await this.events.record(tx, memberGrantsChanged(membership.orgId, membership.userId, from, to, cause));
  }

  private async deleteMembership(tx: EntityManager, membership: Membership, cause: MemberChangeCause): Promise<void> {
    if (membership.tier === 'owner') await this.assertNotLastOwner(tx, membership.orgId);
    await this.memberships.delete(tx, membership);
    await this.events.record(tx, memberRemoved(membership.orgId, membership, cause));
  }

  /** Locks the org row, then the membership (the fixed order every owner-count check uses). */
  private async lockMembership(tx: EntityManager, orgId: string, userId: string): Promise<Membership> {
    await this.memberships.lockOrg(tx, orgId);
    const membership = await this.memberships.find(tx, orgId, userId, { lock: true });
    if (!membership) throw Problem.notFound('Member');
    return membership;
  }

  /** Callers hold the org row lock (see `MembersRepository.lockOrg`). */
  private async assertNotLastOwner(tx: EntityManager, orgId: string): Promise<void> {
    const owners = await this.memberships.countOwners(tx, orgId);
    if (owners <= 1)
      throw Problem.conflict('The last owner cannot leave or be demoted; make someone else owner first', 'last-owner');
  }
}

/** The cause of a change made over the members routes. */
function causeOf(actor: OrgAccess, reason: string): MemberChangeCause {
  return { actorUserId: actor.userId, reason };
}
