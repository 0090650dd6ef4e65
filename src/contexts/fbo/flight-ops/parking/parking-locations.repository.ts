import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { KeyColumn, keysetBy } from '../../../../platform/http/keyset';
import { saveNamingField } from '../../../../platform/database/unique-conflict';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { ParkingLocation } from './parking-location.entity';

export interface ParkingLocationFilter {
  airport?: string;
  active?: boolean;
}

/** The list's sort key: airport, then display order, then code (unique per airport). */
const PARKING_KEY: KeyColumn[] = [
  ['p.airport', 'text'],
  ['p.display_order', 'int'],
  ['p.location_code', 'text'],
];

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
    return keysetBy(qb, PARKING_KEY, page).getMany();
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
