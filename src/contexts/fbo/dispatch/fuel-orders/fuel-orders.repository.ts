import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { containsPattern } from '../../../../platform/database/like-pattern';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { TransactionalRepository } from '../../../../platform/database/transactional-repository';
import { byConstraint, UniqueConflict, uniqueConflict } from '../../../../platform/database/unique-conflict';
import { newestFirst } from '../../../../platform/http/pagination';
import { FuelOrder } from './fuel-order.entity';
import { BUSY_STATUSES, type FuelOrderStatus } from './fuel-order-rules';
import { FuelerAssignment } from './fueler-assignment.entity';

export interface FuelOrderFilter {
  status?: FuelOrderStatus;
  unassigned?: boolean;
  fuelerId?: string;
  /** Orders assigned to this user's fueler record ("mine"). */
  userId?: string;
  flightId?: string;
  from?: Date;
  to?: Date;
  search?: string;
}

/** The 409 of a truck already out (en route or fueling) on another order. */
export const truckBusy = (truckId: string | null): UniqueConflict => ({
  detail: 'The truck is already en route or fueling on another order',
  slug: 'truck-busy',
  field: 'truckId',
  value: truckId,
});

const ASSIGNED = (alias: string) =>
  `EXISTS (SELECT 1 FROM fbo_fuel_order_assignments a WHERE a.org_id = o.org_id AND a.fuel_order_id = o.id${alias})`;

/** The SQL of `fbo_fuel_orders` and `fbo_fuel_order_assignments`. */
@Injectable()
export class FuelOrdersRepository extends TransactionalRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  load(orgId: string, id: string, options: { tx?: EntityManager; lock?: boolean } = {}): Promise<FuelOrder> {
    return findInOrg(this.managerOf(options.tx), FuelOrder, orgId, id, 'Fuel order', options);
  }

  /** Newest first (createdAt, id), `limit + 1` rows. */
  page(orgId: string, filter: FuelOrderFilter, page: { limit: number; cursor?: string }): Promise<FuelOrder[]> {
    const qb = this.db.getRepository(FuelOrder).createQueryBuilder('o').where('o.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.flightId) qb.andWhere('o.flight_id = :flightId', { flightId: filter.flightId });
    if (filter.from) qb.andWhere('o.created_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('o.created_at < :to', { to: filter.to });
    if (filter.unassigned !== undefined) qb.andWhere(`${filter.unassigned ? 'NOT ' : ''}${ASSIGNED('')}`);
    if (filter.fuelerId) qb.andWhere(ASSIGNED(' AND a.fueler_id = :fuelerId'), { fuelerId: filter.fuelerId });
    if (filter.userId) qb.andWhere(ASSIGNED(' AND a.user_id = :userId'), { userId: filter.userId });
    if (filter.search)
      qb.andWhere('(o.ticket_number ILIKE :search OR o.tail_number ILIKE :search)', {
        search: containsPattern(filter.search),
      });
    return newestFirst(qb, 'o.created_at', 'o.id', page).getMany();
  }

  /** The assignments of these orders, oldest first. */
  assignmentsOf(orgId: string, orderIds: string[], tx?: EntityManager): Promise<FuelerAssignment[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return this.managerOf(tx).find(FuelerAssignment, {
      where: { orgId, fuelOrderId: In(orderIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Saves the order; a second order out with the same truck is 409 `truck-busy`. */
  save(tx: EntityManager, order: FuelOrder): Promise<FuelOrder> {
    return uniqueConflict(
      () => tx.save(FuelOrder, order),
      byConstraint({
        uq_fbo_fuel_orders_org_ticket: {
          detail: `A fuel order with ticket number ${order.ticketNumber} exists`,
          slug: 'ticket-number-taken',
          field: 'ticketNumber',
          value: order.ticketNumber,
        },
        uq_fbo_fuel_orders_truck_busy: truckBusy(order.truckId),
      }),
    );
  }

  /** Whether another order of the org is out (en route or fueling) with this truck. */
  async truckOutElsewhere(tx: EntityManager, orgId: string, truckId: string, orderId: string): Promise<boolean> {
    return tx.exists(FuelOrder, {
      where: { orgId, truckId, status: In([...BUSY_STATUSES]), id: Not(orderId) },
    });
  }

  addAssignment(tx: EntityManager, assignment: Partial<FuelerAssignment>): Promise<FuelerAssignment> {
    return this.saveAssignment(tx, tx.create(FuelerAssignment, assignment));
  }

  removeAssignment(tx: EntityManager, assignment: FuelerAssignment): Promise<FuelerAssignment> {
    return tx.remove(FuelerAssignment, assignment);
  }

  /** Marks the fuelers out (or back); a fueler already out on another order is 409 `fueler-busy`. */
  async setBusy(tx: EntityManager, assignments: FuelerAssignment[], busy: boolean): Promise<void> {
    for (const assignment of assignments) {
      if (assignment.busy === busy) continue;
      assignment.busy = busy;
      await this.saveAssignment(tx, assignment);
    }
  }

  private saveAssignment(tx: EntityManager, assignment: FuelerAssignment): Promise<FuelerAssignment> {
    return uniqueConflict(
      () => tx.save(FuelerAssignment, assignment),
      byConstraint({
        uq_fbo_fuel_order_assignments_fueler_busy: {
          detail: 'The fueler is already en route or fueling on another order',
          slug: 'fueler-busy',
          field: 'fuelerId',
          value: assignment.fuelerId,
        },
      }),
    );
  }
}
