import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Party } from '../../parties/party.entity';
import { SalesOrder } from '../sales-orders/sales-order.entity';
import type { InvoiceKind, InvoiceStatus } from './invoice-rules';

/**
 * An invoice (or a credit note correcting one) to a customer. Drafts have no number; issuing takes
 * the org's next number from a gapless counter and freezes the invoice. `outstanding` is what the
 * customer still owes (the total at issue); payments' allocations move it and the status with it.
 */
@Entity('brokerage_invoices')
@Index('uq_brokerage_invoices_org_kind_number', ['orgId', 'kind', 'sequenceNumber'], {
  unique: true,
  where: '"sequence_number" IS NOT NULL',
})
@Index('uq_brokerage_invoices_org_sales_order', ['orgId', 'salesOrderId'], {
  unique: true,
  where: `"sales_order_id" IS NOT NULL AND "kind" = 'invoice' AND "status" NOT IN ('cancelled', 'void')`,
})
@Index('ix_brokerage_invoices_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_brokerage_invoices_org_customer', ['orgId', 'customerId', 'status'])
@Index('ix_brokerage_invoices_org_status_due', ['orgId', 'status', 'dueDate'])
// A credited invoice's credit notes (check:receivables recomputes every invoice's outstanding).
@Index('ix_brokerage_invoices_org_credited', ['orgId', 'creditedInvoiceId'], {
  where: '"credited_invoice_id" IS NOT NULL',
})
@Check('chk_brokerage_invoices_status', `"status" IN ('draft', 'issued', 'partly_paid', 'paid', 'cancelled', 'void')`)
@Check('chk_brokerage_invoices_kind', `"kind" IN ('invoice', 'credit_note')`)
@Check(
  'chk_brokerage_invoices_amounts',
  '"subtotal" >= 0 AND "tax" >= 0 AND "total" >= 0 AND "outstanding" >= 0 AND "outstanding" <= "total" AND "tax_rate" >= 0',
)
export class Invoice extends OrgScopedEntity {
  @Column('varchar', { length: 12, default: 'invoice' })
  kind: InvoiceKind;

  /** The org's gapless sequence value, given at issue (null on drafts). */
  @Column('bigint', { nullable: true })
  sequenceNumber: string | null;

  @Column('varchar', { length: 40, nullable: true })
  number: string | null;

  @Column('varchar', { length: 20, default: 'draft' })
  status: InvoiceStatus;

  @Column('uuid')
  customerId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Party;

  @Column('uuid', { nullable: true })
  salesOrderId: string | null;

  @ManyToOne(() => SalesOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sales_order_id' })
  salesOrder?: SalesOrder;

  /** A credit note's invoice. */
  @Column('uuid', { nullable: true })
  creditedInvoiceId: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'credited_invoice_id' })
  creditedInvoice?: Invoice;

  /** Set at issue when the draft has none: the org's today. */
  @Column('date', { nullable: true })
  invoiceDate: string | null;

  /** From the customer's terms at issue. */
  @Column('date', { nullable: true })
  dueDate: string | null;

  @Column('varchar', { length: 64, nullable: true })
  customerPoNumber: string | null;

  @Column('char', { length: 3 })
  currency: string;

  /** Percent, three places. */
  @Column('numeric', { precision: 6, scale: 3, default: 0 })
  taxRate: string;

  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  subtotal: string;

  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  tax: string;

  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  total: string;

  /** What the customer still owes: the total at issue, moved by allocations and credit notes. */
  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  outstanding: string;

  @Column('text', { default: '' })
  notes: string;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @Column('uuid', { nullable: true })
  issuedById: string | null;

  @Column('timestamptz', { nullable: true })
  issuedAt: Date | null;

  /** The PDF rendered at issue: a file of the platform's file storage (no foreign key into platform tables). */
  @Column('uuid', { nullable: true })
  pdfFileId: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  voidedAt: Date | null;

  @Column('text', { nullable: true })
  voidReason: string | null;

  /** When `brokerage.invoice.overdue` was announced: once per invoice. */
  @Column('timestamptz', { nullable: true })
  overdueAnnouncedAt: Date | null;
}
