import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Period } from './dashboard-rules';

export interface StatusCountRow {
  status: string;
  count: number;
}

export interface LoadInTransitRow {
  salesOrderId: string;
  number: string;
  customerId: string;
  customerName: string;
  carrierId: string | null;
  carrierName: string | null;
  shippedAt: Date | null;
  deliveryDate: string | null;
  total: string;
  currency: string;
  /** All loads in transit (the same on every row). */
  count: number;
}

export interface RevenueRow {
  currency: string;
  invoiced: string;
  credited: string;
  invoices: number;
  creditNotes: number;
}

export interface DeliveredOrderRow {
  total: string;
  currency: string;
  costs: string[];
}

export interface CustomerRevenueRow {
  customerId: string;
  customerName: string;
  currency: string;
  revenue: string;
  invoices: number;
}

/**
 * Issued invoices and credit notes (numbered, not void): what revenue counts. A credit note's
 * total is revenue given back.
 */
const BILLED = `i.org_id = $1 AND i.number IS NOT NULL AND i.status IN ('issued', 'partly_paid', 'paid')
  AND i.invoice_date BETWEEN $2::date AND $3::date`;
const SIGNED = `CASE WHEN i.kind = 'credit_note' THEN -i.total ELSE i.total END`;

/** The dashboard's aggregates over the brokerage's orders and invoices: one query each, by org. */
@Injectable()
export class BrokerageDashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  purchaseOrdersByStatus(orgId: string): Promise<StatusCountRow[]> {
    return this.db.query(
      `SELECT status, count(*)::int AS count FROM brokerage_purchase_orders WHERE org_id = $1 GROUP BY status`,
      [orgId],
    );
  }

  /** The first `limit` loads in transit, longest on the road first, each row with the count of all. */
  loadsInTransit(orgId: string, limit: number): Promise<LoadInTransitRow[]> {
    return this.db.query(
      `SELECT o.id AS "salesOrderId", o.number, o.customer_id AS "customerId", c.name AS "customerName",
              o.carrier_id AS "carrierId", k.name AS "carrierName", o.shipped_at AS "shippedAt",
              to_char(o.delivery_date, 'YYYY-MM-DD') AS "deliveryDate", o.total::text AS total, o.currency,
              count(*) OVER ()::int AS count
         FROM brokerage_sales_orders o
         JOIN brokerage_parties c ON c.id = o.customer_id AND c.org_id = o.org_id
         LEFT JOIN brokerage_parties k ON k.id = o.carrier_id AND k.org_id = o.org_id
        WHERE o.org_id = $1 AND o.status = 'in_transit'
        ORDER BY o.shipped_at NULLS LAST, o.id
        LIMIT $2`,
      [orgId, limit],
    );
  }

  /** Invoiced and credited in the period (by invoice date), per currency. */
  revenue(orgId: string, period: Period): Promise<RevenueRow[]> {
    return this.db.query(
      `SELECT i.currency,
              coalesce(sum(i.total) FILTER (WHERE i.kind = 'invoice'), 0)::numeric(14,2)::text AS invoiced,
              coalesce(sum(i.total) FILTER (WHERE i.kind = 'credit_note'), 0)::numeric(14,2)::text AS credited,
              count(*) FILTER (WHERE i.kind = 'invoice')::int AS invoices,
              count(*) FILTER (WHERE i.kind = 'credit_note')::int AS "creditNotes"
         FROM brokerage_invoices i
        WHERE ${BILLED}
        GROUP BY i.currency`,
      [orgId, period.from, period.to],
    );
  }

  /**
   * Sales orders delivered in the period (delivery instant in the org's zone), with the totals of
   * their linked purchase orders that are not cancelled: the cost the sales order's margin counts.
   */
  deliveredOrders(orgId: string, timeZone: string, period: Period): Promise<DeliveredOrderRow[]> {
    return this.db.query(
      `SELECT o.total::text AS total, o.currency,
              array(SELECT p.total::text
                      FROM brokerage_sales_order_purchase_orders l
                      JOIN brokerage_purchase_orders p ON p.id = l.purchase_order_id AND p.org_id = l.org_id
                     WHERE l.org_id = o.org_id AND l.sales_order_id = o.id AND p.status <> 'cancelled') AS costs
         FROM brokerage_sales_orders o
        WHERE o.org_id = $1 AND o.status = 'delivered'
          AND (o.delivered_at AT TIME ZONE $2)::date BETWEEN $3::date AND $4::date`,
      [orgId, timeZone, period.from, period.to],
    );
  }

  /** The customers who brought the most revenue (net of credit notes) in the period. */
  topCustomers(orgId: string, period: Period, limit: number): Promise<CustomerRevenueRow[]> {
    return this.db.query(
      `SELECT i.customer_id AS "customerId", c.name AS "customerName", i.currency,
              sum(${SIGNED})::numeric(14,2)::text AS revenue,
              count(*) FILTER (WHERE i.kind = 'invoice')::int AS invoices
         FROM brokerage_invoices i
         JOIN brokerage_parties c ON c.id = i.customer_id AND c.org_id = i.org_id
        WHERE ${BILLED}
        GROUP BY i.customer_id, c.name, i.currency
        ORDER BY sum(${SIGNED}) DESC, c.name, i.customer_id
        LIMIT $4`,
      [orgId, period.from, period.to, limit],
    );
  }
}
