import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { Party } from '../../parties/party.entity';
import { SalesOrderLine } from './sales-order-line.entity';
import { SalesOrderPurchaseOrder } from './sales-order-purchase-order.entity';
import { SalesOrder } from './sales-order.entity';
import type { SalesOrderStatus } from './sales-order-rules';

export interface SalesOrderFilter {
  status?: SalesOrderStatus;
  customerId?: string;
}

/** What a customer owes and has on order (sums in the org's currency). */
export interface CustomerCredit {
  openReceivables: string;
  openOrders: string;
}

/** The SQL of sales orders, their lines and their linked purchase orders. */
@Injectable()
export class SalesOrdersRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, filter: SalesOrderFilter, page: { limit: number; cursor?: string }): Promise<SalesOrder[]> {
    const qb = this.db.getRepository(SalesOrder).createQueryBuilder('o').where('o.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.customerId) qb.andWhere('o.customer_id = :customerId', { customerId: filter.customerId });
    return newestFirst(qb, 'o.created_at', 'o.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<SalesOrder> {
    return findInOrg(this.managerOf(tx), SalesOrder, orgId, id, 'Sales order', { lock });
  }

  async lines(orgId: string, orderIds: string[], tx?: EntityManager): Promise<SalesOrderLine[]> {
    if (!orderIds.length) return [];
    return this.managerOf(tx).find(SalesOrderLine, {
      where: { orgId, salesOrderId: In(orderIds) },
      order: { salesOrderId: 'ASC', lineNo: 'ASC' },
    });
  }

  save(tx: EntityManager, order: SalesOrder): Promise<SalesOrder> {
    return tx.save(SalesOrder, order);
  }

  saveLines(tx: EntityManager, lines: SalesOrderLine[]): Promise<SalesOrderLine[]> {
    return tx.save(SalesOrderLine, lines);
  }

  async replaceLines(tx: EntityManager, order: SalesOrder, lines: Partial<SalesOrderLine>[]) {
    await tx.delete(SalesOrderLine, { orgId: order.orgId, salesOrderId: order.id });
    return tx.save(
      SalesOrderLine,
      lines.map((line) => tx.create(SalesOrderLine, { ...line, orgId: order.orgId, salesOrderId: order.id })),
    );
  }

  /** The linked purchase orders of these sales orders, in link order. */
  async links(orgId: string, orderIds: string[], tx?: EntityManager): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return links;
    const rows = await this.managerOf(tx).find(SalesOrderPurchaseOrder, {
      where: { orgId, salesOrderId: In(orderIds) },
      order: { createdAt: 'ASC', purchaseOrderId: 'ASC' },
    });
    for (const row of rows) links.get(row.salesOrderId)?.push(row.purchaseOrderId);
    return links;
  }

  /** Replaces an order's linked purchase orders; each must be the org's (404). */
  async replaceLinks(tx: EntityManager, order: SalesOrder, purchaseOrderIds: string[]): Promise<void> {
    if (purchaseOrderIds.length) {
      const found: { id: string }[] = await tx.query(
        'SELECT id FROM brokerage_purchase_orders WHERE org_id = $1 AND id = ANY($2::uuid[]) FOR SHARE',
        [order.orgId, purchaseOrderIds],
      );
      if (found.length !== purchaseOrderIds.length) throw Problem.notFound('Purchase order');
    }
    await tx.delete(SalesOrderPurchaseOrder, { orgId: order.orgId, salesOrderId: order.id });
    await tx.save(
      SalesOrderPurchaseOrder,
      purchaseOrderIds.map((purchaseOrderId) =>
        tx.create(SalesOrderPurchaseOrder, { orgId: order.orgId, salesOrderId: order.id, purchaseOrderId }),
      ),
    );
  }

  /**
   * The totals of the purchase orders (not cancelled) linked to each of these sales orders: their
   * cost. Read here because the margin is part of the sales order's answer.
   */
  async costs(orgId: string, orderIds: string[], tx?: EntityManager): Promise<Map<string, string[]>> {
    const costs = new Map<string, string[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return costs;
    const rows: { sales_order_id: string; total: string }[] = await this.managerOf(tx).query(
      `SELECT l.sales_order_id, p.total::text AS total
         FROM brokerage_sales_order_purchase_orders l
         JOIN brokerage_purchase_orders p ON p.id = l.purchase_order_id AND p.org_id = l.org_id
        WHERE l.org_id = $1 AND l.sales_order_id = ANY($2::uuid[]) AND p.status <> 'cancelled'`,
      [orgId, orderIds],
    );
    for (const row of rows) costs.get(row.sales_order_id)?.push(row.total);
    return costs;
  }

  /**
   * The customer, locked for update: confirmations of its orders queue here, so two of them cannot
   * both pass the credit check. 404 when the org has no such customer.
   */
  async lockCustomer(tx: EntityManager, orgId: string, customerId: string): Promise<Party> {
    const customer = await tx.findOne(Party, {
      where: { id: customerId, orgId, kind: 'customer' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!customer) throw Problem.notFound('Customer');
    return customer;
  }

  /**
   * The customer's exposure: what issued invoices still owe, and the orders confirmed to it that no
   * issued invoice bills yet (`except` left out: the order being confirmed).
   */
  async customerCredit(tx: EntityManager, orgId: string, customerId: string, except: string): Promise<CustomerCredit> {
    const [row]: { receivables: string; orders: string }[] = await tx.query(
      `SELECT
         (SELECT coalesce(sum(i.outstanding), 0)::numeric(14,2)::text FROM brokerage_invoices i
           WHERE i.org_id = $1 AND i.customer_id = $2 AND i.kind = 'invoice'
             AND i.status IN ('issued', 'partly_paid')) AS receivables,
         (SELECT coalesce(sum(o.total), 0)::numeric(14,2)::text FROM brokerage_sales_orders o
           WHERE o.org_id = $1 AND o.customer_id = $2 AND o.id <> $3
             AND o.status IN ('confirmed', 'in_transit', 'delivered')
             AND NOT EXISTS (
               SELECT 1 FROM brokerage_invoices i
                WHERE i.org_id = o.org_id AND i.sales_order_id = o.id AND i.kind = 'invoice'
                  AND i.status IN ('issued', 'partly_paid', 'paid'))) AS orders`,
      [orgId, customerId, except],
    );
    return { openReceivables: row.receivables, openOrders: row.orders };
  }

  /** Product descriptions by id (for the confirmation mail). */
  async productDescriptions(orgId: string, ids: string[], tx?: EntityManager): Promise<Map<string, string>> {
    const rows: { id: string; description: string }[] = await this.managerOf(tx).query(
      'SELECT id, description FROM brokerage_products WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [orgId, [...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.description]));
  }

  /** A contact's email (null when it has none or is not the org's). */
  async contactEmail(orgId: string, contactId: string, tx?: EntityManager): Promise<string | null> {
    const rows: { email: string | null }[] = await this.managerOf(tx).query(
      'SELECT email FROM brokerage_contacts WHERE org_id = $1 AND id = $2',
      [orgId, contactId],
    );
    return rows[0]?.email ?? null;
  }
}
