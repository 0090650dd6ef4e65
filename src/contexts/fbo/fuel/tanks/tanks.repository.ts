import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../../platform/http/pagination';
import { keysetBy } from '../../../../platform/http/keyset';
import { ListFuelTanksQueryDto } from './dto/tank.dto';
import { ListTankReadingsQueryDto } from './dto/tank-reading.dto';
import { TankReading } from './tank-reading.entity';
import { FuelTank } from './tank.entity';

/** A reading to store, gallons already interpolated. */
export type NewTankReading = Pick<
  TankReading,
  'orgId' | 'fuelTankId' | 'levelInches' | 'gallons' | 'waterDetected' | 'recordedAt' | 'source' | 'recordedById'
>;

/** "Last inspected (or registered) before the cutoff": the one SQL form of `isInspectionDue`. */
const INSPECTION_DUE = 'COALESCE(t.last_inspected_at, t.created_at) < :cutoff';

/** `tankStatus` in SQL: the status at the latest reading under the current low and critical levels. */
const TANK_STATUS = `CASE WHEN t.last_gallons IS NULL THEN NULL
  WHEN t.last_gallons <= t.critical_level_gallons THEN 'critical'
  WHEN t.last_gallons <= t.low_level_gallons THEN 'low' ELSE 'ok' END`;

/** The SQL of tanks and their readings. */
@Injectable()
export class TanksRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async page(orgId: string, q: ListFuelTanksQueryDto, cutoff: Date): Promise<Page<FuelTank>> {
    const qb = this.db.getRepository(FuelTank).createQueryBuilder('t').where('t.org_id = :orgId', { orgId });
    if (q.fuelType) qb.andWhere('t.fuel_type = :fuelType', { fuelType: q.fuelType });
    if (q.status) qb.andWhere(`${TANK_STATUS} = :status`, { status: q.status });
    if (q.inspectionDue !== undefined)
      qb.andWhere(q.inspectionDue ? INSPECTION_DUE : `NOT (${INSPECTION_DUE})`, { cutoff });
    const rows = await keysetBy(
      qb,
      [
        ['t.tank_id', 'text'],
        ['t.id', 'uuid'],
      ],
      q,
    ).getMany();
    return keysetPage(
      rows,
      q.limit,
      (t) => [t.tankId, t.id],
      (t) => t,
    );
  }

  /** The org's tanks with these numbers, locked in id order (the order every reading writer locks in). */
  lockByNumbers(tx: EntityManager, orgId: string, tankIds: string[]): Promise<FuelTank[]> {
    return tx
      .getRepository(FuelTank)
      .createQueryBuilder('t')
      .where({ orgId, tankId: In(tankIds) })
      .orderBy('t.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  async readingsPage(orgId: string, fuelTankId: string, q: ListTankReadingsQueryDto): Promise<Page<TankReading>> {
    const qb = this.db
      .getRepository(TankReading)
      .createQueryBuilder('r')
      .where('r.org_id = :orgId AND r.fuel_tank_id = :fuelTankId', { orgId, fuelTankId })
      .andWhere(`r.recorded_at >= now() - make_interval(days => :days)`, { days: q.days });
    const rows = await newestFirst(qb, 'r.recorded_at', 'r.id', q).getMany();
    return keysetPage(
      rows,
      q.limit,
      (r) => timeAndId(r.recordedAt, r.id),
      (r) => r,
    );
  }

  /** Inserts the readings; one already stored for the same tank and time is skipped. Returns those stored. */
  async insertReadings(tx: EntityManager, rows: NewTankReading[]): Promise<TankReading[]> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(TankReading)
      .values(rows)
      .orIgnore()
      .returning('*')
      .execute();
    const ids = (result.raw as { id: string }[]).map((r) => r.id);
    if (!ids.length) return [];
    return tx.getRepository(TankReading).find({ where: { id: In(ids) }, order: { recordedAt: 'ASC' } });
  }

  /**
   * Claims, for the inspection job, every tank due and not yet announced (across orgs): marks it
   * announced and returns it, so a second run the same day finds nothing.
   */
  async claimOverdueInspections(tx: EntityManager, cutoff: Date): Promise<FuelTank[]> {
    const rows: { id: string }[] = await tx.query(
      // A CTE, so the driver answers rows for a SELECT (a bare UPDATE answers [rows, count]).
      `WITH claimed AS (
         UPDATE fbo_fuel_tanks t SET inspection_overdue_at = now()
          WHERE COALESCE(t.last_inspected_at, t.created_at) < $1 AND t.inspection_overdue_at IS NULL
          RETURNING t.id
       ) SELECT id FROM claimed`,
      [cutoff],
    );
    if (!rows.length) return [];
    return tx.getRepository(FuelTank).find({ where: { id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
  }

  /**
   * Whether fuel ever moved through the tank (the ledger refers to holders by id, without a foreign
   * key, since a holder is a tank or a truck); if not, drops its empty stock row so the tank can go.
   */
  async releaseStock(tx: EntityManager, orgId: string, tankId: string): Promise<boolean> {
    const moved: unknown[] = await tx.query(
      `SELECT 1 FROM fbo_fuel_movements WHERE org_id = $1 AND (from_holder_id = $2 OR to_holder_id = $2) LIMIT 1`,
      [orgId, tankId],
    );
    if (moved.length) return false;
    await tx.query('DELETE FROM fbo_fuel_stock WHERE org_id = $1 AND holder_id = $2', [orgId, tankId]);
    return true;
  }
}
