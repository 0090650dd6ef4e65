import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { newestFirst } from '../../../../platform/http/pagination';
import { StarcorpFleetShip } from '../fleet/fleet-ship.entity';
import { StarcorpMemberProfile } from './member-profile.entity';
import { StarcorpServiceRecord } from './service-record.entity';
import type { StarcorpMemberStatsDto } from './dto/member.dto';

/** The profile side's SQL: profiles, service records and the stats derived from them. */
@Injectable()
export class StarcorpMemberProfilesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The profiles of some users (all of the org's when `userIds` is omitted), by user id. */
  async byUser(orgId: string, userIds?: string[]): Promise<Map<string, StarcorpMemberProfile>> {
    if (userIds && userIds.length === 0) return new Map();
    const qb = this.db
      .getRepository(StarcorpMemberProfile)
      .createQueryBuilder('p')
      .where('p.org_id = :orgId', { orgId });
    if (userIds) qb.andWhere('p.user_id IN (:...userIds)', { userIds });
    return new Map((await qb.getMany()).map((p) => [p.userId, p]));
  }

  /** The users whose profile holds the rank. */
  async userIdsWithRank(orgId: string, rankId: string): Promise<string[]> {
    const rows = await this.db
      .getRepository(StarcorpMemberProfile)
      .find({ select: { userId: true }, where: { orgId, rankId } });
    return rows.map((r) => r.userId);
  }

  /** The member's profile row, created empty when missing, locked for the transaction. */
  async lockOrCreate(tx: EntityManager, orgId: string, userId: string): Promise<StarcorpMemberProfile> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(StarcorpMemberProfile)
      .values({ orgId, userId, displayName: null, bio: null, rankId: null, avatarFileId: null })
      .orIgnore()
      .execute();
    return tx.findOneOrFail(StarcorpMemberProfile, {
      where: { orgId, userId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async stats(orgId: string, userId: string): Promise<StarcorpMemberStatsDto> {
    const [records] = await this.db.query(
      `SELECT count(*) FILTER (WHERE kind = 'mission')::int AS missions,
              count(*) FILTER (WHERE kind = 'training')::int AS trainings
         FROM starcorp_service_records WHERE org_id = $1 AND user_id = $2`,
      [orgId, userId],
    );
    const shipsOwned = await this.db.getRepository(StarcorpFleetShip).count({
      where: { orgId, ownerUserId: userId, status: In(['pledged', 'active', 'on_loan']) },
    });
    return { missionsCompleted: records.missions, trainingsCompleted: records.trainings, shipsOwned };
  }

  /** A member's records, newest first, keyset-paged (one row more than the page, for `keysetPage`). */
  records(orgId: string, userId: string, page: { limit: number; cursor?: string }): Promise<StarcorpServiceRecord[]> {
    const qb = this.db
      .getRepository(StarcorpServiceRecord)
      .createQueryBuilder('r')
      .where('r.org_id = :orgId AND r.user_id = :userId', { orgId, userId });
    return newestFirst(qb, 'r.completed_at', 'r.id', page).getMany();
  }
}
