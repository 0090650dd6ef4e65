import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { timeAndIdCursor } from '../../../../platform/http/pagination';
import { FlightOpsRepository } from '../common/flight-ops-repository';
import { LocalDay, localDayBounds, Params } from '../common/sql';
import { LineService } from './line-service.entity';
import type { LineServiceStatus, LineServiceType } from './line-service-rules';

export interface LineServiceFilter {
  day?: LocalDay;
  status?: LineServiceStatus;
  serviceType?: LineServiceType;
  locationId?: string;
  flightId?: string;
}

const LINE_SERVICE_COLUMNS = `s.id, s.org_id AS "orgId", s.flight_id AS "flightId", s.service_type AS "serviceType",
  s.scheduled_at AS "scheduledAt", s.actual_start AS "actualStart", s.actual_end AS "actualEnd",
  s.personnel_user_ids AS "personnelUserIds", s.equipment_id AS "equipmentId",
  s.parking_location_id AS "parkingLocationId", s.status, s.notes, s.created_at AS "createdAt",
  s.updated_at AS "updatedAt"`;

/** The SQL of `fbo_line_services`. */
@Injectable()
export class LineServicesRepository extends FlightOpsRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<LineService> {
    return findInOrg(this.managerOf(options.tx), LineService, orgId, id, 'Line service', options);
  }

  /** In schedule order (scheduledAt, id), `limit + 1` rows. */
  page(orgId: string, filter: LineServiceFilter, page: { limit: number; cursor?: string }): Promise<LineService[]> {
    const params = new Params();
    const where = [`s.org_id = ${params.add(orgId)}`];
    if (filter.day) {
      const { start, end } = localDayBounds(filter.day, params);
      where.push(`s.scheduled_at >= ${start} AND s.scheduled_at < ${end}`);
    }
    if (filter.status) where.push(`s.status = ${params.add(filter.status)}`);
    if (filter.serviceType) where.push(`s.service_type = ${params.add(filter.serviceType)}`);
    if (filter.locationId) where.push(`s.parking_location_id = ${params.add(filter.locationId)}`);
    if (filter.flightId) where.push(`s.flight_id = ${params.add(filter.flightId)}`);
    if (page.cursor) {
      const [time, id] = timeAndIdCursor(page.cursor);
      where.push(`(s.scheduled_at, s.id) > (${params.add(time)}::timestamptz, ${params.add(id)}::uuid)`);
    }
    return this.db.query(
      `SELECT ${LINE_SERVICE_COLUMNS} FROM fbo_line_services s WHERE ${where.join(' AND ')}
        ORDER BY s.scheduled_at, s.id LIMIT ${params.add(page.limit + 1)}`,
      params.values,
    );
  }

  save(tx: EntityManager, row: LineService): Promise<LineService> {
    return tx.save(LineService, row);
  }
}
