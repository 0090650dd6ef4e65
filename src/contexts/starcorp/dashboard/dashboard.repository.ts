import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RankCountRow {
  rankId: string;
  name: string;
  level: number;
  members: number;
}

export interface SquadronSizeRow {
  squadronId: string;
  name: string;
  active: boolean;
  maxMembers: number | null;
  members: number;
}

export interface ShipTotalsRow {
  hulls: number;
  uniqueShips: number;
  owners: number;
  /** The sum over owners of their distinct models. */
  ownerModels: number;
}

/**
 * The dashboard's aggregates: one query each, over the starcorp tables only, narrowed to the
 * current members (`memberIds`, from the platform's MembersService).
 */
@Injectable()
export class StarcorpDashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every rank of the org with its members, highest first. */
  rankCounts(orgId: string, memberIds: string[]): Promise<RankCountRow[]> {
    return this.db.query(
      `SELECT r.id AS "rankId", r.name, r.level, count(p.id)::int AS members
         FROM starcorp_ranks r
         LEFT JOIN starcorp_member_profiles p
           ON p.rank_id = r.id AND p.org_id = r.org_id AND p.user_id = ANY($2::uuid[])
        WHERE r.org_id = $1
        GROUP BY r.id, r.name, r.level
        ORDER BY r.level DESC, r.name`,
      [orgId, memberIds],
    );
  }

  /** Every squadron with its current (not left) members, by name. */
  squadronSizes(orgId: string, memberIds: string[]): Promise<SquadronSizeRow[]> {
    return this.db.query(
      `SELECT s.id AS "squadronId", s.name, s.active, s.max_members AS "maxMembers", count(sm.id)::int AS members
         FROM starcorp_squadrons s
         LEFT JOIN starcorp_squadron_memberships sm
           ON sm.squadron_id = s.id AND sm.org_id = s.org_id AND sm.left_at IS NULL AND sm.user_id = ANY($2::uuid[])
        WHERE s.org_id = $1
        GROUP BY s.id, s.name, s.active, s.max_members
        ORDER BY s.name, s.id`,
      [orgId, memberIds],
    );
  }

  /** The members' active and on-loan hulls: count, distinct models, owners, and models per owner summed. */
  async shipTotals(orgId: string, memberIds: string[]): Promise<ShipTotalsRow> {
    const [row]: ShipTotalsRow[] = await this.db.query(
      `WITH held AS (
         SELECT f.owner_user_id, f.ship_id
           FROM starcorp_fleet_ships f
          WHERE f.org_id = $1 AND f.status IN ('active', 'on_loan') AND f.owner_user_id = ANY($2::uuid[])
       )
       SELECT (SELECT count(*) FROM held)::int AS hulls,
              (SELECT count(DISTINCT ship_id) FROM held)::int AS "uniqueShips",
              (SELECT count(DISTINCT owner_user_id) FROM held)::int AS owners,
              (SELECT count(*) FROM (SELECT DISTINCT owner_user_id, ship_id FROM held) d)::int AS "ownerModels"`,
      [orgId, memberIds],
    );
    return row;
  }
}
