import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../../platform/http/pagination';
import type { FuelType } from '../tanks/tank.entity';
import { FuelMovement } from './fuel-movement.entity';
import { FuelStock, HolderKind } from './fuel-stock.entity';

export type NewFuelMovement = Omit<FuelMovement, 'id' | 'createdAt' | 'updatedAt'>;

/** A fuel truck as the fuel side sees it: an `fbo_equipment` row of the org. */
export interface TruckRow {
  id: string;
  equipmentId: string;
  type: string;
  capacityGallons: string | null;
}

export interface StockMismatch {
  orgId: string;
  holderId: string;
  stored: string | null;
  fromLedger: string | null;
}

export interface HolderVariance {
  holderId: string;
  holderKind: HolderKind;
  fuelType: FuelType;
  adjustments: number;
  gainGallons: string;
  lossGallons: string;
  varianceGallons: string;
}

/**
 * What the ledger says each holder holds: entries in minus entries out. Shared by the consistency
 * check, so the check and the writers agree on what stock is.
 */
const LEDGER_STOCK = `
  SELECT org_id, holder_id, sum(delta) AS gallons FROM (
    SELECT org_id, to_holder_id AS holder_id, gallons AS delta FROM fbo_fuel_movements WHERE to_holder_id IS NOT NULL
    UNION ALL
    SELECT org_id, from_holder_id, -gallons FROM fbo_fuel_movements WHERE from_holder_id IS NOT NULL
  ) d GROUP BY org_id, holder_id`;

/** The SQL of the fuel stock ledger (`fbo_fuel_movements`) and its running stock (`fbo_fuel_stock`). */
@Injectable()
export class StockRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** The org's equipment row `id` (any type; the caller checks it is a fuel truck), or null. */
  async truck(tx: EntityManager, orgId: string, id: string): Promise<TruckRow | null> {
    const [row]: TruckRow[] = await tx.query(
      `SELECT id, equipment_id AS "equipmentId", type, capacity_gallons::text AS "capacityGallons"
         FROM fbo_equipment WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    return row ?? null;
  }

  /**
   * Creates the missing stock rows (empty) and locks every holder's row, in holder id order: the
   * one order every movement locks in, so two movements never wait on each other crosswise.
   */
  async lockHolders(
    tx: EntityManager,
    orgId: string,
    holders: { holderKind: HolderKind; holderId: string; fuelType: FuelType }[],
  ): Promise<FuelStock[]> {
    const sorted = [...holders].sort((a, b) => (a.holderId < b.holderId ? -1 : 1));
    await tx
      .createQueryBuilder()
      .insert()
      .into(FuelStock)
      .values(sorted.map((h) => ({ ...h, orgId, gallons: '0' })))
      .orIgnore()
      .execute();
    return tx
      .getRepository(FuelStock)
      .createQueryBuilder('s')
      .where({ orgId, holderId: In(sorted.map((h) => h.holderId)) })
      .orderBy('s.holder_id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Appends the movement and sets the locked holders' new stock. */
  async append(tx: EntityManager, movement: NewFuelMovement, stock: FuelStock[]): Promise<FuelMovement> {
    const saved = await tx.save(tx.create(FuelMovement, movement));
    for (const row of stock)
      await tx.update(FuelStock, { id: row.id }, { gallons: row.gallons, fuelType: row.fuelType });
    return saved;
  }

  /** Every stock row of the org (one per tank and truck that ever held fuel: a short list). */
  stock(orgId: string, holderKind?: HolderKind): Promise<FuelStock[]> {
    return this.db.getRepository(FuelStock).find({
      where: { orgId, ...(holderKind ? { holderKind } : {}) },
      order: { holderKind: 'ASC', holderId: 'ASC' },
    });
  }

  async movementsPage(
    orgId: string,
    q: { limit: number; cursor?: string; holderId?: string; kind?: string; from?: Date; to?: Date },
  ): Promise<Page<FuelMovement>> {
    const qb = this.db.getRepository(FuelMovement).createQueryBuilder('m').where('m.org_id = :orgId', { orgId });
    if (q.holderId)
      qb.andWhere('(m.from_holder_id = :holderId OR m.to_holder_id = :holderId)', { holderId: q.holderId });
    if (q.kind) qb.andWhere('m.kind = :kind', { kind: q.kind });
    if (q.from) qb.andWhere('m.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('m.occurred_at < :to', { to: q.to });
    const rows = await newestFirst(qb, 'm.occurred_at', 'm.id', q).getMany();
    return keysetPage(
      rows,
      q.limit,
      (m) => timeAndId(m.occurredAt, m.id),
      (m) => m,
    );
  }

  /** Adjustments per holder in [from, to): gains, losses and their signed sum. */
  variance(orgId: string, from: Date, to: Date): Promise<HolderVariance[]> {
    return this.db.query(
      `SELECT s.holder_id AS "holderId", s.holder_kind AS "holderKind", s.fuel_type AS "fuelType",
              count(*)::int AS adjustments,
              COALESCE(sum(m.gallons) FILTER (WHERE m.to_holder_id = s.holder_id), 0)::numeric(12,2)::text AS "gainGallons",
              COALESCE(sum(m.gallons) FILTER (WHERE m.from_holder_id = s.holder_id), 0)::numeric(12,2)::text AS "lossGallons",
              sum(CASE WHEN m.to_holder_id = s.holder_id THEN m.gallons ELSE -m.gallons END)::numeric(12,2)::text
                AS "varianceGallons"
         FROM fbo_fuel_movements m
         JOIN fbo_fuel_stock s ON s.org_id = m.org_id AND s.holder_id IN (m.from_holder_id, m.to_holder_id)
        WHERE m.org_id = $1 AND m.kind = 'adjustment' AND m.occurred_at >= $2 AND m.occurred_at < $3
        GROUP BY s.holder_id, s.holder_kind, s.fuel_type
        ORDER BY s.holder_kind, s.holder_id`,
      [orgId, from, to],
    );
  }

  /** Every holder (of one org, or all) whose stock row differs from the sum of its movements. */
  findMismatches(orgId?: string): Promise<StockMismatch[]> {
    return this.db.query(
      `SELECT COALESCE(s.org_id, l.org_id) AS "orgId", COALESCE(s.holder_id, l.holder_id) AS "holderId",
              s.gallons::text AS stored, l.gallons::text AS "fromLedger"
         FROM fbo_fuel_stock s
         FULL JOIN (${LEDGER_STOCK}) l ON l.org_id = s.org_id AND l.holder_id = s.holder_id
        WHERE ($1::uuid IS NULL OR COALESCE(s.org_id, l.org_id) = $1)
          AND COALESCE(s.gallons, 0) <> COALESCE(l.gallons, 0)`,
      [orgId ?? null],
    );
  }

  async counts(): Promise<{ holders: number; movements: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM fbo_fuel_stock) AS holders, (SELECT count(*)::int FROM fbo_fuel_movements) AS movements`,
    );
    return row;
  }
}
