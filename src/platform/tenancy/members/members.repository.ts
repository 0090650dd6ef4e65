import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../../auth/users/user.entity';
import { containsPattern } from '../../database/like-pattern';
import { decodeCursor } from '../../http/pagination';
import type { MemberDto } from '../dto/member.dto';
import { Org } from '../orgs/org.entity';
import { type Grant, type Tier, TIERS, tierAtLeast } from '../tiers';
import type { MailRecipient, MemberSummary, MemberSummaryFilter } from './member-directory';
import { Membership } from './membership.entity';

/** One row of the members list: the membership and the user's public fields. */
export type MemberRow = MemberDto;

/** Rows per INSERT in the bulk form: well under Postgres' limits, large enough to be fast. */
const BULK_CHUNK = 5000;

/**
 * Every query on `memberships` (and its join to `users` for listings). Methods take the caller's
 * transaction, or use the default connection when given none.
 */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Locks the org row. Every change that may count owners takes it first, so owner-count checks
   * of one org run one at a time (two owners demoting each other cannot both succeed).
   */
  async lockOrg(tx: EntityManager, orgId: string): Promise<void> {
    await tx.createQueryBuilder(Org, 'o').setLock('pessimistic_write').where('o.id = :orgId', { orgId }).getOne();
  }

  find(tx: EntityManager, orgId: string, userId: string, options: { lock?: boolean } = {}): Promise<Membership | null> {
    return tx.findOne(Membership, {
      where: { orgId, userId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Inserts the membership unless one exists (racing inserts included); true when it did. */
  async insertIfMissing(
    tx: EntityManager,
    row: { orgId: string; userId: string; tier: Tier; grants: Grant[] },
  ): Promise<boolean> {
    const created: unknown[] = await tx.query(
      `INSERT INTO memberships (org_id, user_id, tier, grants) VALUES ($1, $2, $3, $4::text[])
       ON CONFLICT (org_id, user_id) DO NOTHING RETURNING id`,
      [row.orgId, row.userId, row.tier, row.grants],
    );
    return created.length > 0;
  }

  /** Bulk `insertIfMissing`; returns the rows it created. */
  async insertManyIfMissing(
    tx: EntityManager,
    orgId: string,
    rows: { userId: string; tier: Tier }[],
  ): Promise<{ userId: string; tier: Tier }[]> {
    const created: { userId: string; tier: Tier }[] = [];
    for (let start = 0; start < rows.length; start += BULK_CHUNK) {
      const part = rows.slice(start, start + BULK_CHUNK);
      const inserted: { userId: string; tier: Tier }[] = await tx.query(
        `INSERT INTO memberships (org_id, user_id, tier)
         SELECT $1, r.user_id, r.tier FROM unnest($2::uuid[], $3::varchar[]) AS r(user_id, tier)
         ON CONFLICT (org_id, user_id) DO NOTHING
         RETURNING user_id AS "userId", tier`,
        [orgId, part.map((r) => r.userId), part.map((r) => r.tier)],
      );
      created.push(...inserted);
    }
    return created;
  }

  async save(tx: EntityManager, membership: Membership): Promise<void> {
    await tx.update(Membership, { id: membership.id }, { tier: membership.tier, grants: membership.grants });
  }

  async delete(tx: EntityManager, membership: Membership): Promise<void> {
    await tx.delete(Membership, { id: membership.id });
  }

  countOwners(tx: EntityManager, orgId: string): Promise<number> {
    return tx.count(Membership, { where: { orgId, tier: 'owner' } });
  }

  async tierOf(orgId: string, userId: string, tx?: EntityManager): Promise<Tier | null> {
    const membership = await this.manager(tx).findOne(Membership, { where: { orgId, userId }, select: { tier: true } });
    return membership?.tier ?? null;
  }

  async memberIdsAmong(orgId: string, userIds: string[], tx?: EntityManager): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await this.manager(tx).find(Membership, {
      where: { orgId, userId: In([...new Set(userIds)]) },
      select: { userId: true },
    });
    return new Set(rows.map((row) => row.userId));
  }

  async memberUserIds(orgId: string, tx?: EntityManager): Promise<string[]> {
    const rows = await this.manager(tx).find(Membership, {
      where: { orgId },
      select: { userId: true },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
    return rows.map((row) => row.userId);
  }

  /** One page of the members list, by username (`limit + 1` rows: the caller cuts the page). */
  listPage(
    orgId: string,
    query: { limit: number; tier?: Tier; search?: string; cursor?: string },
  ): Promise<MemberRow[]> {
    const qb = this.memberQuery(this.db.manager, orgId)
      .orderBy('u.username', 'ASC')
      .limit(query.limit + 1);
    if (query.tier) qb.andWhere('m.tier = :tier', { tier: query.tier });
    if (query.search)
      qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: containsPattern(query.search) });
    if (query.cursor) qb.andWhere('u.username > :after', { after: decodeCursor(query.cursor, 1)[0] });
    return qb.getRawMany<MemberRow>();
  }

  async findRow(orgId: string, userId: string, tx?: EntityManager): Promise<MemberRow | null> {
    return (
      (await this.memberQuery(this.manager(tx), orgId)
        .andWhere('m.user_id = :userId', { userId })
        .getRawOne<MemberRow>()) ?? null
    );
  }

  /** Members by username; only `userIds`, only at `minTier` or above, only enabled users, when asked. */
  async summaries(orgId: string, options: MemberSummaryFilter, tx?: EntityManager): Promise<MemberSummary[]> {
    if (options.userIds && !options.userIds.length) return [];
    const qb = this.memberQuery(this.manager(tx), orgId).orderBy('u.username', 'ASC');
    if (options.userIds) qb.andWhere('m.user_id IN (:...userIds)', { userIds: [...new Set(options.userIds)] });
    if (options.minTier) {
      const minTier = options.minTier;
      qb.andWhere('m.tier IN (:...tiers)', { tiers: TIERS.filter((tier) => tierAtLeast(tier, minTier)) });
    }
    if (options.activeOnly) qb.andWhere('u.disabled_at IS NULL');
    const rows = await qb.getRawMany<MemberRow>();
    return rows.map(({ userId, ...rest }) => ({ id: userId, ...rest }));
  }

  /** Enabled members at `minTier` or above who have an email address, by username. */
  async mailRecipients(orgId: string, minTier: Tier, tx?: EntityManager): Promise<MailRecipient[]> {
    return this.memberQuery(this.manager(tx), orgId)
      .select([
        'm.user_id AS "userId"',
        'u.username AS username',
        'u.display_name AS "displayName"',
        'u.email AS email',
      ])
      .andWhere('m.tier IN (:...tiers)', { tiers: TIERS.filter((tier) => tierAtLeast(tier, minTier)) })
      .andWhere('u.disabled_at IS NULL')
      .andWhere('u.email IS NOT NULL')
      .orderBy('u.username', 'ASC')
      .getRawMany<MailRecipient>();
  }

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.db.manager;
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
}
