import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Invoice } from '../../sales/invoices/invoice.entity';
import { Payment } from './payment.entity';

/** Part of a payment applied to an invoice: it lowered the invoice's outstanding in the same transaction. */
@Entity('brokerage_payment_allocations')
@Index('ix_brokerage_payment_allocations_payment', ['orgId', 'paymentId'])
@Index('ix_brokerage_payment_allocations_invoice', ['orgId', 'invoiceId'])
@Check('chk_brokerage_payment_allocations_amount', '"amount" >= 0')
export class PaymentAllocation extends OrgScopedEntity {
  @Column('uuid')
  paymentId: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column('numeric', { precision: 14, scale: 2 })
  amount: string;

  @Column('uuid', { nullable: true })
  allocatedById: string | null;
}
