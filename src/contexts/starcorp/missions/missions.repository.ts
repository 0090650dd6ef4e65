import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { KeyColumn, keysetBy } from '../../../platform/http/keyset';
import { ListMissionsQueryDto } from './dto/mission.dto';
import { SEATED_STATUSES } from './mission-rules';
import { StarcorpMissionParticipant } from './mission-participant.entity';
import { StarcorpMission } from './mission.entity';

export const MISSION_KEY: KeyColumn[] = [
  ['m.scheduled_at', 'timestamptz'],
  ['m.id', 'uuid'],
];

/** The missions' SQL: missions by org, their participants and the seats they hold. */
@Injectable()
export class StarcorpMissionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Latest scheduled first; `upcoming`: scheduled or running from now on, soonest first. */
  list(orgId: string, q: ListMissionsQueryDto): Promise<StarcorpMission[]> {
    const qb = this.db.getRepository(StarcorpMission).createQueryBuilder('m').where('m.org_id = :orgId', { orgId });
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    if (q.type) qb.andWhere('m.type = :type', { type: q.type });
    if (q.squadronId) qb.andWhere('m.squadron_id = :squadronId', { squadronId: q.squadronId });
    if (q.from) qb.andWhere('m.scheduled_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('m.scheduled_at < :to', { to: q.to });
    if (q.upcoming) {
      qb.andWhere("m.status IN ('scheduled', 'in_progress') AND m.scheduled_at >= now()");
    }
    return keysetBy(qb, MISSION_KEY, q, q.upcoming ? 'ASC' : 'DESC').getMany();
  }

  get(manager: EntityManager, orgId: string, id: string, lock = false): Promise<StarcorpMission> {
    return findInOrg(manager, StarcorpMission, orgId, id, 'Mission', { lock });
  }

  /** Seats held per mission (signed up, confirmed, attended). */
  async seatCounts(
    orgId: string,
    missionIds: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, number>> {
    if (missionIds.length === 0) return new Map();
    const rows: { missionId: string; count: number }[] = await manager.query(
      `SELECT mission_id AS "missionId", count(*)::int AS count FROM starcorp_mission_participants
        WHERE org_id = $1 AND mission_id = ANY($2::uuid[]) AND status = ANY($3::varchar[]) GROUP BY mission_id`,
      [orgId, missionIds, SEATED_STATUSES],
    );
    return new Map(rows.map((r) => [r.missionId, r.count]));
  }

  /** The mission's participants in sign-up order. */
  participants(manager: EntityManager, orgId: string, missionId: string): Promise<StarcorpMissionParticipant[]> {
    return manager.find(StarcorpMissionParticipant, {
      where: { orgId, missionId },
      order: { signedUpAt: 'ASC', id: 'ASC' },
    });
  }

  participant(manager: EntityManager, missionId: string, userId: string): Promise<StarcorpMissionParticipant | null> {
    return manager.findOne(StarcorpMissionParticipant, { where: { missionId, userId } });
  }

  /**
   * Claims the scheduled missions starting within `horizonHours` of `now` that were not reminded
   * yet (marking them reminded), with the users holding a seat on each, across orgs.
   */
  claimReminders(tx: EntityManager, now: Date, horizonHours: number): Promise<DueReminder[]> {
    return tx.query(
      `WITH due AS (
         SELECT m.id FROM starcorp_missions m
          WHERE m.status = 'scheduled' AND m.reminded_at IS NULL
            AND m.scheduled_at > $1 AND m.scheduled_at <= $1::timestamptz + make_interval(hours => $2)
          ORDER BY m.id
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE starcorp_missions m SET reminded_at = $1 FROM due WHERE m.id = due.id
         RETURNING m.id, m.org_id, m.title, m.scheduled_at, m.squadron_id
       )
       SELECT c.id, c.org_id AS "orgId", c.title, c.scheduled_at AS "scheduledAt", c.squadron_id AS "squadronId",
              coalesce(array_agg(p.user_id ORDER BY p.signed_up_at) FILTER (WHERE p.user_id IS NOT NULL), '{}')
                AS "userIds"
         FROM claimed c
         LEFT JOIN starcorp_mission_participants p
           ON p.mission_id = c.id AND p.status IN ('signed_up', 'confirmed')
        GROUP BY c.id, c.org_id, c.title, c.scheduled_at, c.squadron_id
        ORDER BY c.org_id, c.scheduled_at`,
      [now, horizonHours],
    );
  }
}

/** A mission whose reminder is due, and the users holding a seat on it. */
export interface DueReminder {
  id: string;
  orgId: string;
  title: string;
  scheduledAt: Date;
  squadronId: string | null;
  userIds: string[];
}
