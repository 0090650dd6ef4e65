import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { KeyColumn, keysetBy } from '../../../../platform/http/keyset';
import { StarcorpPeopleSettings } from '../settings/people-settings.entity';
import { ListAllSquadronsQueryDto } from './dto/squadron.dto';
import { StarcorpSquadronMembership } from './squadron-membership.entity';
import { StarcorpSquadron } from './squadron.entity';

export const SQUADRON_KEY: KeyColumn[] = [
  ['q.name', 'text'],
  ['q.id', 'uuid'],
];

/** The squadrons' SQL: squadrons, their active memberships and the counts. */
@Injectable()
export class StarcorpSquadronsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(orgId: string, q: ListAllSquadronsQueryDto): Promise<StarcorpSquadron[]> {
    const qb = this.db.getRepository(StarcorpSquadron).createQueryBuilder('q').where('q.org_id = :orgId', { orgId });
    if (q.active !== undefined) qb.andWhere('q.active = :active', { active: q.active });
    if (q.recruiting !== undefined) qb.andWhere('q.recruiting = :recruiting', { recruiting: q.recruiting });
    if (q.focus) qb.andWhere('q.focus = :focus', { focus: q.focus });
    return keysetBy(qb, SQUADRON_KEY, q).getMany();
  }

  /** Active members per squadron. */
  async memberCounts(
    orgId: string,
    squadronIds: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, number>> {
    if (squadronIds.length === 0) return new Map();
    const rows: { squadronId: string; count: number }[] = await manager.query(
      `SELECT squadron_id AS "squadronId", count(*)::int AS count FROM starcorp_squadron_memberships
        WHERE org_id = $1 AND squadron_id = ANY($2::uuid[]) AND left_at IS NULL GROUP BY squadron_id`,
      [orgId, squadronIds],
    );
    return new Map(rows.map((r) => [r.squadronId, r.count]));
  }

  get(manager: EntityManager, orgId: string, id: string, lock = false): Promise<StarcorpSquadron> {
    return findInOrg(manager, StarcorpSquadron, orgId, id, 'Squadron', { lock });
  }

  activeMembership(
    manager: EntityManager,
    squadronId: string,
    userId: string,
  ): Promise<StarcorpSquadronMembership | null> {
    return manager.findOne(StarcorpSquadronMembership, { where: { squadronId, userId, leftAt: IsNull() } });
  }

  /** The user's active memberships in the org, oldest first. */
  activeMembershipsOf(manager: EntityManager, orgId: string, userId: string): Promise<StarcorpSquadronMembership[]> {
    return manager.find(StarcorpSquadronMembership, {
      where: { orgId, userId, leftAt: IsNull() },
      order: { joinedAt: 'ASC', id: 'ASC' },
    });
  }

  /** How many squadrons a member may be active in at once (1 unless the org allows more). */
  async squadronsPerMember(manager: EntityManager, orgId: string): Promise<number> {
    const settings = await manager.findOne(StarcorpPeopleSettings, { where: { orgId } });
    return settings?.squadronsPerMember ?? 1;
  }

  /** The users active in a squadron of the org. */
  async activeUserIds(orgId: string, squadronId: string): Promise<string[]> {
    const rows = await this.db.getRepository(StarcorpSquadronMembership).find({
      select: { userId: true },
      where: { orgId, squadronId, leftAt: IsNull() },
    });
    return rows.map((r) => r.userId);
  }

  /** Squadrons by id (for `squadrons/mine`). */
  byIds(orgId: string, ids: string[]): Promise<StarcorpSquadron[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .getRepository(StarcorpSquadron)
      .createQueryBuilder('q')
      .where('q.org_id = :orgId AND q.id IN (:...ids)', { orgId, ids })
      .getMany();
  }

  /** The squadron's active members, newest first (with `includeFormer`, the leavers too). */
  members(
    orgId: string,
    squadronId: string,
    page: { limit: number; cursor?: string },
    includeFormer: boolean,
  ): Promise<StarcorpSquadronMembership[]> {
    const qb = this.db
      .getRepository(StarcorpSquadronMembership)
      .createQueryBuilder('sm')
      .where('sm.org_id = :orgId AND sm.squadron_id = :squadronId', { orgId, squadronId });
    if (!includeFormer) qb.andWhere('sm.left_at IS NULL');
    return newestFirst(qb, 'sm.joined_at', 'sm.id', page).getMany();
  }
}
