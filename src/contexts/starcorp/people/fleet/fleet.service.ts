import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { tierAtLeast } from '../../../../platform/tenancy/tiers';
import { StarcorpShip } from '../catalog/ship.entity';
import {
  ChangeFleetShipStatusDto,
  CreateFleetShipDto,
  FleetShipDto,
  FleetSummaryDto,
  FleetSummaryQueryDto,
  ListFleetQueryDto,
  MemberShipCountsDto,
  UpdateFleetShipDto,
} from './dto/fleet.dto';
import { HangarImportResultDto, ImportedHullDto, ImportHangarDto } from './dto/fleet-import.dto';
import { parseHangarExport, ShipMatcher } from './fleet-import';
import { FLEET_SHIP_LIFECYCLE, mayManageHull } from './fleet-rules';
import { StarcorpFleetShip } from './fleet-ship.entity';
import { StarcorpFleetRepository } from './fleet.repository';

export function toFleetShipDto(f: StarcorpFleetShip): FleetShipDto {
  const s = f.ship!;
  return {
    id: f.id,
    ownerUserId: f.ownerUserId,
    ship: { id: s.id, name: s.name, size: s.size, manufacturerCode: s.manufacturer!.code, role: s.role },
    name: f.name,
    purchasedDate: f.purchasedDate,
    acquiredVia: f.acquiredVia,
    insurance: f.insurance,
    status: f.status,
    availableForMissions: f.availableForMissions,
    availableFrom: f.availableFrom,
    availableUntil: f.availableUntil,
    currentLocation: f.currentLocation,
    notes: f.notes,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

/** The members' hulls: members manage their own, officers any. */
@Injectable()
export class StarcorpFleetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fleet: StarcorpFleetRepository,
    private readonly members: MembersService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListFleetQueryDto): Promise<Page<FleetShipDto>> {
    const rows = await this.fleet.list(orgId, q);
    return keysetPage(rows, q.limit, (f) => timeAndId(f.createdAt, f.id), toFleetShipDto);
  }

  async get(orgId: string, id: string): Promise<FleetShipDto> {
    return toFleetShipDto(await this.fleet.get(this.db.manager, orgId, id));
  }

  /** Registers a hull; announced as `starcorp.fleet.ship_added`. */
  async create(access: OrgAccess, dto: CreateFleetShipDto): Promise<FleetShipDto> {
    const orgId = access.org.id;
    const ownerUserId = dto.ownerUserId ?? access.userId;
    if (!ownerUserId) throw Problem.validation([{ path: 'ownerUserId', message: 'ownerUserId is required for a bot' }]);
    this.assertMayManage(access, ownerUserId);
    if (!(await this.members.memberIdsAmong(orgId, [ownerUserId])).has(ownerUserId)) throw Problem.notFound('Member');
    const { shipId, ...fields } = dto;
    assertWindow(fields);
    return withTransaction(this.db, async (tx) => {
      const ship = await this.catalogShip(tx, shipId);
      const hull = await tx.save(
        tx.create(StarcorpFleetShip, {
          ...fields,
          orgId,
          ownerUserId,
          shipId: ship.id,
          status: dto.status ?? 'active',
        }),
      );
      await this.events.record(tx, {
        orgId,
        type: 'starcorp.fleet.ship_added',
        subjectId: hull.id,
        payload: { fleetShipId: hull.id, ownerUserId, shipId: ship.id, shipName: ship.name, status: hull.status },
      });
      await this.audit.recordInTransaction(tx, hull);
      return toFleetShipDto(await this.fleet.withShip(tx, hull));
    });
  }

  /**
   * Imports a HangarXPLOR export into the owner's fleet: a hull per entry matching a catalog ship
   * (`acquiredVia` pledge), non-ships skipped, unmatched names returned. One transaction, a
   * `starcorp.fleet.ship_added` per hull and one audit entry; a dry run matches and writes nothing.
   * A real import needs an Idempotency-Key, so a retried upload never doubles the hangar.
   */
  async importHangar(
    access: OrgAccess,
    dto: ImportHangarDto,
    idempotencyKey: string | undefined,
  ): Promise<HangarImportResultDto> {
    const orgId = access.org.id;
    const dryRun = dto.dryRun === true;
    const ownerUserId = dto.ownerUserId ?? access.userId;
    if (!ownerUserId) throw Problem.validation([{ path: 'ownerUserId', message: 'ownerUserId is required for a bot' }]);
    this.assertMayManage(access, ownerUserId);
    if (!(await this.members.memberIdsAmong(orgId, [ownerUserId])).has(ownerUserId)) throw Problem.notFound('Member');
    const parsed = parseHangarExport(dto.data, dto.format ?? 'auto');
    if (parsed.errors.length > 0) throw Problem.validation(parsed.errors);
    if (!dryRun && idempotencyKey === undefined) {
      throw Problem.validation([
        { path: 'Idempotency-Key', message: 'Idempotency-Key is required for an import (not for a dry run)' },
      ]);
    }

    const catalog = await this.fleet.catalogForMatch(this.db.manager);
    const matcher = new ShipMatcher(catalog.filter((s) => !s.retired));
    const models = new Map(catalog.map((s) => [s.id, s]));
    const created: ImportedHullDto[] = [];
    const unknown = new Set<string>();
    let skipped = 0;
    for (const entry of parsed.entries) {
      if (!entry.isShip) {
        skipped++;
        continue;
      }
      const match = matcher.match(entry);
      if (!match) {
        unknown.add(entry.name);
        continue;
      }
      const { id, name, size, role, manufacturerCode } = models.get(match.id)!;
      created.push({
        fleetShipId: null,
        index: entry.index,
        entryName: entry.name,
        ship: { id, name, size, role, manufacturerCode },
        name: entry.hullName,
        status: entry.status,
        insurance: entry.insurance,
        purchasedDate: entry.purchasedDate,
      });
    }
    const result = { ownerUserId, created, unknown: [...unknown], skipped, dryRun };
    if (dryRun || created.length === 0) {
      // Nothing changed: no audit entry for it.
      this.audit.skipForRequest();
      return result;
    }

    return withTransaction(this.db, async (tx) => {
      const inserted = await tx.insert(
        StarcorpFleetShip,
        created.map((c) => ({
          orgId,
          ownerUserId,
          shipId: c.ship.id,
          name: c.name,
          purchasedDate: c.purchasedDate,
          acquiredVia: 'pledge' as const,
          insurance: c.insurance,
          status: c.status,
          notes: 'Imported from HangarXPLOR',
        })),
      );
      created.forEach((c, i) => (c.fleetShipId = inserted.identifiers[i].id as string));
      await this.events.recordAll(
        tx,
        created.map((c) => ({
          orgId,
          type: 'starcorp.fleet.ship_added',
          subjectId: c.fleetShipId,
          payload: {
            fleetShipId: c.fleetShipId,
            ownerUserId,
            shipId: c.ship.id,
            shipName: c.ship.name,
            status: c.status,
            via: 'hangar_import',
          },
        })),
      );
      await this.audit.recordInTransaction(tx, { id: ownerUserId, imported: created.length });
      return result;
    });
  }

  async update(access: OrgAccess, id: string, dto: UpdateFleetShipDto): Promise<FleetShipDto> {
    return withTransaction(this.db, async (tx) => {
      const hull = await this.lockManaged(tx, access, id);
      Object.assign(hull, dto);
      assertWindow(hull);
      await tx.save(hull);
      await this.audit.recordInTransaction(tx, hull);
      return toFleetShipDto(await this.fleet.withShip(tx, hull));
    });
  }

  /** Moves a hull along its lifecycle (409 `invalid-transition` otherwise); a sold hull is no longer available. */
  async changeStatus(access: OrgAccess, id: string, dto: ChangeFleetShipStatusDto): Promise<FleetShipDto> {
    return withTransaction(this.db, async (tx) => {
      const hull = await this.lockManaged(tx, access, id);
      const from = hull.status;
      FLEET_SHIP_LIFECYCLE.assert(from, dto.status);
      hull.status = dto.status;
      if (dto.status === 'sold') hull.availableForMissions = false;
      await tx.save(hull);
      await this.events.record(tx, {
        orgId: hull.orgId,
        type: 'starcorp.fleet.status_changed',
        subjectId: hull.id,
        payload: {
          fleetShipId: hull.id,
          ownerUserId: hull.ownerUserId,
          from,
          to: dto.status,
          changedBy: access.userId,
        },
      });
      await this.audit.recordInTransaction(tx, hull);
      return toFleetShipDto(await this.fleet.withShip(tx, hull));
    });
  }

  /** Removes a hull registered by mistake (a sold hull stays as `sold` instead). */
  async remove(access: OrgAccess, id: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const hull = await this.lockManaged(tx, access, id);
      await tx.delete(StarcorpFleetShip, { id: hull.id, orgId: hull.orgId });
      await this.audit.recordInTransaction(tx, hull);
    });
  }

  async summary(orgId: string, q: FleetSummaryQueryDto): Promise<FleetSummaryDto> {
    return { by: q.by, items: await this.fleet.summary(orgId, q.by) };
  }

  async memberShips(orgId: string, userId: string): Promise<MemberShipCountsDto> {
    if (!(await this.members.memberIdsAmong(orgId, [userId])).has(userId)) throw Problem.notFound('Member');
    return { userId, items: await this.fleet.countsByShip(orgId, userId) };
  }

  /**
   * For missions: a hull of the org with its catalog ship, read in the caller's transaction (404
   * when unknown or another org's).
   */
  hullInOrg(manager: EntityManager, orgId: string, id: string): Promise<StarcorpFleetShip> {
    return this.fleet.get(manager, orgId, id);
  }

  /** For missions: which of these catalog ship ids exist. */
  async existingCatalogShipIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(StarcorpShip, { select: { id: true }, where: { id: In(ids) } });
    return new Set(rows.map((r) => r.id));
  }

  private async lockManaged(tx: EntityManager, access: OrgAccess, id: string): Promise<StarcorpFleetShip> {
    const hull = await this.fleet.get(tx, access.org.id, id, true);
    this.assertMayManage(access, hull.ownerUserId);
    return hull;
  }

  private assertMayManage(access: OrgAccess, ownerUserId: string): void {
    const isOfficer = access.tier !== null && tierAtLeast(access.tier, 'officer');
    if (!mayManageHull({ userId: access.userId, isOfficer }, ownerUserId)) {
      throw Problem.forbidden("Only officers manage other members' ships");
    }
  }

  /** A catalog ship that can take new hulls: 404 when unknown, 409 when retired. */
  private async catalogShip(tx: EntityManager, id: string): Promise<StarcorpShip> {
    const ship = await tx.findOne(StarcorpShip, { where: { id } });
    if (!ship) throw Problem.notFound('Ship');
    if (ship.retired)
      throw Problem.conflict(`The ${ship.name} is retired from the catalog`, 'ship-retired', { shipId: ship.id });
    return ship;
  }
}

/** The availability window must not end before it starts (400, before the CHECK would 500). */
function assertWindow(w: { availableFrom?: Date | null; availableUntil?: Date | null }): void {
  if (w.availableFrom && w.availableUntil && w.availableFrom > w.availableUntil) {
    throw Problem.validation([{ path: 'availableUntil', message: 'availableUntil must not be before availableFrom' }]);
  }
}
