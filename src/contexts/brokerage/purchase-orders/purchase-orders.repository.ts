import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { newestFirst } from '../../../platform/http/pagination';
import { BrokerageRepository } from '../common/brokerage-repository';
import { PurchaseOrderLine } from './purchase-order-line.entity';
import { PurchaseOrder } from './purchase-order.entity';
import type { PurchaseOrderStatus } from './purchase-order-rules';

export interface PurchaseOrderFilter {
  status?: PurchaseOrderStatus;
  supplierId?: string;
}

/** The SQL of purchase orders and their lines. */
@Injectable()
export class PurchaseOrdersRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, filter: PurchaseOrderFilter, page: { limit: number; cursor?: string }): Promise<PurchaseOrder[]> {
    const qb = this.db.getRepository(PurchaseOrder).createQueryBuilder('o').where('o.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.supplierId) qb.andWhere('o.supplier_id = :supplierId', { supplierId: filter.supplierId });
    return newestFirst(qb, 'o.created_at', 'o.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<PurchaseOrder> {
    return findInOrg(this.managerOf(tx), PurchaseOrder, orgId, id, 'Purchase order', { lock });
  }

  /** The lines of these orders, in line order. */
  async lines(orgId: string, orderIds: string[], tx?: EntityManager): Promise<PurchaseOrderLine[]> {
    if (!orderIds.length) return [];
    return this.managerOf(tx).find(PurchaseOrderLine, {
      where: { orgId, purchaseOrderId: In(orderIds) },
      order: { purchaseOrderId: 'ASC', lineNo: 'ASC' },
    });
  }

  save(tx: EntityManager, order: PurchaseOrder): Promise<PurchaseOrder> {
    return tx.save(PurchaseOrder, order);
  }

  saveLines(tx: EntityManager, lines: PurchaseOrderLine[]): Promise<PurchaseOrderLine[]> {
    return tx.save(PurchaseOrderLine, lines);
  }

  /** Replaces an order's lines. */
  async replaceLines(tx: EntityManager, order: PurchaseOrder, lines: Partial<PurchaseOrderLine>[]) {
    await tx.delete(PurchaseOrderLine, { orgId: order.orgId, purchaseOrderId: order.id });
    return tx.save(
      PurchaseOrderLine,
      lines.map((line) => tx.create(PurchaseOrderLine, { ...line, orgId: order.orgId, purchaseOrderId: order.id })),
    );
  }
}
