import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import {
  FleetShipModelDto,
  FleetSummaryGroup,
  FleetSummaryRowDto,
  ListFleetQueryDto,
  MemberShipCountDto,
} from './dto/fleet.dto';
import { StarcorpFleetShip } from './fleet-ship.entity';

/** A catalog ship as the hangar import matches it. */
export interface CatalogShipRow extends FleetShipModelDto {
  retired: boolean;
  manufacturerName: string;
}

/** A hull counts for missions now: flagged, active, inside its window (see `isAvailableAt`). */
const AVAILABLE_NOW = `(f.available_for_missions AND f.status = 'active'
  AND (f.available_from IS NULL OR f.available_from <= now())
  AND (f.available_until IS NULL OR f.available_until >= now()))`;

/** Hulls still held: sold ones stay for the history but count nowhere. */
const HELD = "f.status <> 'sold'";

const SUMMARY_GROUPS: Record<FleetSummaryGroup, { key: string; label: string }> = {
  ship: { key: 's.id::text', label: 'min(s.name)' },
  size: { key: 's.size', label: 's.size' },
  manufacturer: { key: 'm.code', label: 'min(m.name)' },
  role: { key: "COALESCE(s.role, s.type, 'unknown')", label: "COALESCE(s.role, s.type, 'unknown')" },
};

/** The fleet's SQL: hulls by org with their catalog ship, the summaries and the per-member counts. */
@Injectable()
export class StarcorpFleetRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(orgId: string, q: ListFleetQueryDto): Promise<StarcorpFleetShip[]> {
    const qb = this.db
      .getRepository(StarcorpFleetShip)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.ship', 's')
      .innerJoinAndSelect('s.manufacturer', 'm')
      .where('f.org_id = :orgId', { orgId });
    if (q.owner) qb.andWhere('f.owner_user_id = :owner', { owner: q.owner });
    if (q.ship) qb.andWhere('f.ship_id = :ship', { ship: q.ship });
    if (q.size) qb.andWhere('s.size = :size', { size: q.size });
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    if (q.available !== undefined) qb.andWhere(q.available ? AVAILABLE_NOW : `NOT ${AVAILABLE_NOW}`);
    return newestFirst(qb, 'f.created_at', 'f.id', q).getMany();
  }

  /** One hull of the org with its catalog ship, or 404; `lock` locks the hull row only. */
  async get(manager: EntityManager, orgId: string, id: string, lock = false): Promise<StarcorpFleetShip> {
    const hull = await findInOrg(manager, StarcorpFleetShip, orgId, id, 'Fleet ship', { lock });
    return this.withShip(manager, hull);
  }

  async withShip(manager: EntityManager, hull: StarcorpFleetShip): Promise<StarcorpFleetShip> {
    const loaded = await manager.findOneOrFail(StarcorpFleetShip, {
      where: { id: hull.id },
      relations: { ship: { manufacturer: true } },
    });
    return Object.assign(hull, { ship: loaded.ship });
  }

  async summary(orgId: string, by: FleetSummaryGroup): Promise<FleetSummaryRowDto[]> {
    const group = SUMMARY_GROUPS[by];
    const rows: { key: string; label: string; hulls: number; owners: number }[] = await this.db.query(
      `SELECT ${group.key} AS key, ${group.label} AS label,
              count(*)::int AS hulls, count(DISTINCT f.owner_user_id)::int AS owners
         FROM starcorp_fleet_ships f
         JOIN starcorp_ships s ON s.id = f.ship_id
         JOIN starcorp_manufacturers m ON m.id = s.manufacturer_id
        WHERE f.org_id = $1 AND ${HELD}
        GROUP BY ${group.key}
        ORDER BY hulls DESC, label, key`,
      [orgId],
    );
    return rows;
  }

  /** Every catalog ship with its maker, for matching a hangar import by name (the catalog is a few hundred rows). */
  catalogForMatch(manager: EntityManager): Promise<CatalogShipRow[]> {
    return manager.query(
      `SELECT s.id, s.name, s.size, s.role, s.retired, m.code AS "manufacturerCode", m.name AS "manufacturerName"
         FROM starcorp_ships s
         JOIN starcorp_manufacturers m ON m.id = s.manufacturer_id
        ORDER BY s.retired, s.name, s.id`,
    );
  }

  /** The member's held hulls per catalog ship, most first. */
  countsByShip(orgId: string, userId: string): Promise<MemberShipCountDto[]> {
    return this.db
      .query(
        `SELECT s.id, s.name, s.size, s.role, m.code AS "manufacturerCode", count(*)::int AS count
           FROM starcorp_fleet_ships f
           JOIN starcorp_ships s ON s.id = f.ship_id
           JOIN starcorp_manufacturers m ON m.id = s.manufacturer_id
          WHERE f.org_id = $1 AND f.owner_user_id = $2 AND ${HELD}
          GROUP BY s.id, m.code
          ORDER BY count DESC, s.name`,
        [orgId, userId],
      )
      .then((rows: (FleetShipModelDto & { count: number })[]) => rows.map(({ count, ...ship }) => ({ ship, count })));
  }
}
