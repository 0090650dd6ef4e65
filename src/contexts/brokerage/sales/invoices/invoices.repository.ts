import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../../../platform/database/pg-errors';
import { newestFirst } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { Party } from '../../parties/party.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import type { InvoiceKind, InvoiceStatus } from './invoice-rules';

export interface InvoiceFilter {
  status?: InvoiceStatus;
  kind?: InvoiceKind;
  customerId?: string;
  salesOrderId?: string;
  /** With `today`: only (not) overdue invoices. */
  overdue?: boolean;
  today: string;
}

/** An invoice that became overdue, as the daily job announces it. */
export interface OverdueInvoice {
  id: string;
  orgId: string;
  number: string;
  customerId: string;
  dueDate: string;
  outstanding: string;
  currency: string;
}

const OVERDUE_SQL = `(o.kind = 'invoice' AND o.status IN ('issued', 'partly_paid') AND o.outstanding > 0
  AND o.due_date < :today::date)`;

/** The SQL of invoices and credit notes and their lines. */
@Injectable()
export class InvoicesRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, filter: InvoiceFilter, page: { limit: number; cursor?: string }): Promise<Invoice[]> {
    const qb = this.db.getRepository(Invoice).createQueryBuilder('o').where('o.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.customerId) qb.andWhere('o.customer_id = :customerId', { customerId: filter.customerId });
    if (filter.salesOrderId) qb.andWhere('o.sales_order_id = :salesOrderId', { salesOrderId: filter.salesOrderId });
    if (filter.overdue !== undefined)
      qb.andWhere(filter.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`, { today: filter.today });
    return newestFirst(qb, 'o.created_at', 'o.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<Invoice> {
    return findInOrg(this.managerOf(tx), Invoice, orgId, id, 'Invoice', { lock });
  }

  async lines(orgId: string, invoiceIds: string[], tx?: EntityManager): Promise<InvoiceLine[]> {
    if (!invoiceIds.length) return [];
    return this.managerOf(tx).find(InvoiceLine, {
      where: { orgId, invoiceId: In(invoiceIds) },
      order: { invoiceId: 'ASC', lineNo: 'ASC' },
    });
  }

  /** Saves an invoice; a second live invoice of one sales order is 409 `already-invoiced`. */
  async save(tx: EntityManager, invoice: Invoice): Promise<Invoice> {
    try {
      return await tx.save(Invoice, invoice);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'uq_brokerage_invoices_org_sales_order')
        throw Problem.conflict('The sales order is already invoiced', 'already-invoiced');
      throw error;
    }
  }

  async replaceLines(tx: EntityManager, invoice: Invoice, lines: Partial<InvoiceLine>[]): Promise<InvoiceLine[]> {
    await tx.delete(InvoiceLine, { orgId: invoice.orgId, invoiceId: invoice.id });
    return tx.save(
      InvoiceLine,
      lines.map((line) => tx.create(InvoiceLine, { ...line, orgId: invoice.orgId, invoiceId: invoice.id })),
    );
  }

  /** The live (not cancelled or void) invoice of a sales order, if any. */
  async liveInvoiceOf(tx: EntityManager, orgId: string, salesOrderId: string): Promise<Invoice | null> {
    return tx
      .getRepository(Invoice)
      .createQueryBuilder('o')
      .where('o.org_id = :orgId AND o.sales_order_id = :salesOrderId', { orgId, salesOrderId })
      .andWhere(`o.kind = 'invoice' AND o.status NOT IN ('cancelled', 'void')`)
      .getOne();
  }

  /** The customer (404 when the org has no such customer); archived customers still get invoices. */
  async customer(orgId: string, customerId: string, tx?: EntityManager): Promise<Party> {
    const customer = await this.managerOf(tx).findOne(Party, { where: { id: customerId, orgId, kind: 'customer' } });
    if (!customer) throw Problem.notFound('Customer');
    return customer;
  }

  /** Product descriptions by id; 404 unless every id is a product of the org. */
  async productDescriptions(orgId: string, ids: string[], tx?: EntityManager): Promise<Map<string, string>> {
    const distinct = [...new Set(ids)];
    const rows: { id: string; description: string }[] = await this.managerOf(tx).query(
      'SELECT id, description FROM brokerage_products WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [orgId, distinct],
    );
    if (rows.length !== distinct.length) throw Problem.notFound('Product');
    return new Map(rows.map((r) => [r.id, r.description]));
  }

  /**
   * Locks the org's invoices `ids` in id order (a fixed order, so concurrent payments never
   * deadlock) for an allocation or reversal; 404 unless every id is an invoice of the org.
   */
  async lockInIdOrder(tx: EntityManager, orgId: string, ids: string[]): Promise<Invoice[]> {
    const distinct = [...new Set(ids)].sort();
    if (!distinct.length) return [];
    const rows = await tx
      .getRepository(Invoice)
      .createQueryBuilder('o')
      .where('o.org_id = :orgId AND o.id IN (:...ids)', { orgId, ids: distinct })
      .orderBy('o.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    if (rows.length !== distinct.length) throw Problem.notFound('Invoice');
    return rows;
  }

  /** A contact's email (null when it has none). */
  async contactEmail(orgId: string, contactId: string): Promise<string | null> {
    const rows: { email: string | null }[] = await this.db.query(
      'SELECT email FROM brokerage_contacts WHERE org_id = $1 AND id = $2',
      [orgId, contactId],
    );
    return rows[0]?.email ?? null;
  }

  /**
   * Claims the invoices that have become overdue at `now` (due date before the date it is in their
   * org's time zone, money outstanding) and were not announced yet, marking them announced: each
   * is returned once, ever. Rows another worker holds are skipped.
   */
  async claimOverdue(tx: EntityManager, now: Date): Promise<OverdueInvoice[]> {
    return tx.query(
      `WITH due AS (
         SELECT c.id FROM brokerage_invoices c
           LEFT JOIN brokerage_settings s ON s.org_id = c.org_id
          WHERE c.kind = 'invoice' AND c.status IN ('issued', 'partly_paid') AND c.outstanding > 0
            AND c.overdue_announced_at IS NULL
            AND c.due_date < (($1::timestamptz) AT TIME ZONE coalesce(s.time_zone, 'UTC'))::date
          ORDER BY c.id
          FOR UPDATE OF c SKIP LOCKED
       ), claimed AS (
         UPDATE brokerage_invoices i SET overdue_announced_at = $1 FROM due WHERE i.id = due.id
         RETURNING i.id, i.org_id, i.number, i.customer_id, i.due_date, i.outstanding, i.currency
       )
       SELECT id, org_id AS "orgId", number, customer_id AS "customerId",
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", outstanding::text AS outstanding, currency
         FROM claimed ORDER BY org_id, number`,
      [now],
    );
  }
}
