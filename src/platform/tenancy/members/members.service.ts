import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../../auth/users/user.entity';
import { decodeCursor, keysetPage, Page } from '../../http/pagination';
import { Problem } from '../../http/problem';
import { AddMemberDto, ListMembersQueryDto, MemberDto, UpdateMemberDto } from '../dto/member.dto';
import type { OrgAccess } from '../org-access';
import { Org } from '../orgs/org.entity';
import { assertMayAssign, assertMayManage } from './member-rules';
import { Membership } from './membership.entity';
import { containsPattern } from '../../database/like-pattern';

interface MemberRow {
  userId: string;
  username: string;
  displayName: string | null;
  discordId: string | null;
  tier: MemberDto['tier'];
  grants: MemberDto['grants'];
  joinedAt: Date;
}

@Injectable()
export class MembersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(orgId: string, query: ListMembersQueryDto): Promise<Page<MemberDto>> {
    const qb = this.memberQuery(this.db.manager, orgId).orderBy('u.username', 'ASC').limit(query.limit + 1);
    if (query.tier) qb.andWhere('m.tier = :tier', { tier: query.tier });
    if (query.search) {
      qb.andWhere("(u.username ILIKE :q OR u.display_name ILIKE :q)", { q: containsPattern(query.search) });
    }
    if (query.cursor) qb.andWhere('u.username > :after', { after: decodeCursor(query.cursor, 1)[0] });
    const rows = await qb.getRawMany<MemberRow>();
    return keysetPage(rows, query.limit, (r) => [r.username], (r) => r);
  }

  async get(orgId: string, userId: string): Promise<MemberDto> {
    const row = await this.memberQuery(this.db.manager, orgId).andWhere('m.user_id = :userId', { userId }).getRawOne<MemberRow>();
    if (!row) throw Problem.notFound('Member');
    return row;
  }

  async add(actor: OrgAccess, dto: AddMemberDto): Promise<MemberDto> {
    assertMayAssign(actor, dto.tier);
    const user = await this.db.manager.findOne(User, { where: dto.userId ? { id: dto.userId } : { username: dto.username!.toLowerCase() } });
    if (!user || user.disabledAt) throw Problem.notFound('User');
    await this.db.transaction(async (tx) => {
      const existing = await tx.findOne(Membership, { where: { orgId: actor.org.id, userId: user.id } });
      if (existing) throw Problem.conflict('That user is already a member', 'already-member', { tier: existing.tier });
      await tx.save(Membership, tx.create(Membership, { orgId: actor.org.id, userId: user.id, tier: dto.tier, grants: dto.grants ?? [] }));
    });
    return this.get(actor.org.id, user.id);
  }

  async update(actor: OrgAccess, userId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    await this.db.transaction(async (tx) => {
      const membership = await this.lockMembership(tx, actor.org.id, userId);
      assertMayManage(actor, membership.tier);
      if (dto.tier && dto.tier !== membership.tier) {
        assertMayAssign(actor, dto.tier);
        if (membership.tier === 'owner') await this.assertNotLastOwner(tx, actor.org.id);
        membership.tier = dto.tier;
      }
      if (dto.grants) membership.grants = [...new Set(dto.grants)];
      await tx.save(Membership, membership);
    });
    return this.get(actor.org.id, userId);
  }

  /** Removes a member, or lets the caller leave when `userId` is their own. */
  async remove(actor: OrgAccess, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const membership = await this.lockMembership(tx, actor.org.id, userId);
      if (userId !== actor.userId) assertMayManage(actor, membership.tier);
      if (membership.tier === 'owner') await this.assertNotLastOwner(tx, actor.org.id);
      await tx.delete(Membership, { id: membership.id });
    });
  }

  private memberQuery(manager: EntityManager, orgId: string) {
    return manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .select([
        'm.user_id AS "userId"',
        'u.username AS username',
        'u.display_name AS "displayName"',
        'u.discord_id AS "discordId"',
        'm.tier AS tier',
        'm.grants AS grants',
        'm.created_at AS "joinedAt"',
      ])
      .where('m.org_id = :orgId', { orgId });
  }

  /**
   * Locks the org row first: every owner-count check of one org then runs one at a time, so two
   * owners demoting each other concurrently cannot leave the org without an owner.
   */
  private async lockMembership(tx: EntityManager, orgId: string, userId: string): Promise<Membership> {
    await tx.createQueryBuilder(Org, 'o').setLock('pessimistic_write').where('o.id = :orgId', { orgId }).getOne();
    const membership = await tx.findOne(Membership, { where: { orgId, userId } });
    if (!membership) throw Problem.notFound('Member');
    return membership;
  }

  private async assertNotLastOwner(tx: EntityManager, orgId: string): Promise<void> {
    const owners = await tx.count(Membership, { where: { orgId, tier: 'owner' } });
    if (owners <= 1) throw Problem.conflict('The last owner cannot leave or be demoted; make someone else owner first', 'last-owner');
  }
}
