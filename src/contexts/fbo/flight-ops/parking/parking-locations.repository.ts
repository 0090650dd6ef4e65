import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { decodeCursor } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { FlightOpsRepository, saveNamingField } from '../common/flight-ops-repository';
import { ParkingLocation } from './parking-location.entity';

export interface ParkingLocationFilter {
  airport?: string;
  active?: boolean;
}

/** The list's sort key: airport, then display order, then code (unique per airport). */
export type ParkingSortKey = [airport: string, displayOrder: number, locationCode: string];

function sortKeyCursor(cursor: string): ParkingSortKey {
  const [airport, order, code] = decodeCursor(cursor, 3);
  if (typeof airport !== 'string' || typeof order !== 'number' || typeof code !== 'string')
    throw Problem.validation([{ path: 'cursor', message: 'cursor is not valid for this list' }]);
  return [airport, order, code];
}

/** The SQL of `fbo_parking_locations`. */
@Injectable()
export class ParkingLocationsRepository extends FlightOpsRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The location (404 when it is not the org's); `lock` holds its row until commit. */
  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<ParkingLocation> {
    return findInOrg(this.managerOf(options.tx), ParkingLocation, orgId, id, 'Parking location', options);
  }

  /** A page in (airport, displayOrder, locationCode) order, `limit + 1` rows. */
  page(orgId: string, filter: ParkingLocationFilter, page: { limit: number; cursor?: string }) {
    const qb = this.db.manager.createQueryBuilder(ParkingLocation, 'p').where('p.org_id = :orgId', { orgId });
    if (filter.airport) qb.andWhere('p.airport = :airport', { airport: filter.airport });
    if (filter.active !== undefined) qb.andWhere('p.active = :active', { active: filter.active });
    if (page.cursor) {
      const [airport, order, code] = sortKeyCursor(page.cursor);
      qb.andWhere('(p.airport, p.display_order, p.location_code) > (:airport_c, :order_c, :code_c)', {
        airport_c: airport,
        order_c: order,
        code_c: code,
      });
    }
    return qb
      .orderBy('p.airport', 'ASC')
      .addOrderBy('p.display_order', 'ASC')
      .addOrderBy('p.location_code', 'ASC')
      .limit(page.limit + 1)
      .getMany();
  }

  /** Saves the row; a code the airport already has is a 409 naming `locationCode`. */
  save(tx: EntityManager, row: ParkingLocation): Promise<ParkingLocation> {
    return saveNamingField(tx, ParkingLocation, row, {
      detail: `${row.airport} already has a parking location ${row.locationCode}`,
      slug: 'fbo-location-code-taken',
      field: 'locationCode',
    });
  }
}
