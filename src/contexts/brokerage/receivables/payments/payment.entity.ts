import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Party } from '../../parties/party.entity';
import type { PaymentKind, ReceiptMethod } from './payment-rules';

/**
 * Money received from a customer. Append-only: a mistake is cancelled by a reversal row (kind
 * `reversal`, naming the payment) that gives its allocations back to the invoices. What is not
 * allocated to invoices is the customer's credit.
 */
@Entity('brokerage_payments')
@Index('ix_brokerage_payments_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_brokerage_payments_org_customer', ['orgId', 'customerId', 'receivedAt'])
@Index('uq_brokerage_payments_org_reversed', ['orgId', 'reversedPaymentId'], {
  unique: true,
  where: '"reversed_payment_id" IS NOT NULL',
})
@Check('chk_brokerage_payments_kind', `"kind" IN ('payment', 'reversal')`)
@Check('chk_brokerage_payments_method', `"method" IN ('wire', 'ach', 'check', 'card', 'cash', 'other')`)
@Check('chk_brokerage_payments_amount', '"amount" >= 0')
@Check('chk_brokerage_payments_reversal', `("kind" = 'reversal') = ("reversed_payment_id" IS NOT NULL)`)
export class Payment extends OrgScopedEntity {
  @Column('varchar', { length: 10, default: 'payment' })
  kind: PaymentKind;

  @Column('uuid')
  customerId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Party;

  @Column('numeric', { precision: 14, scale: 2 })
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('varchar', { length: 8 })
  method: ReceiptMethod;

  /** The check number, wire reference, ... */
  @Column('varchar', { length: 100, nullable: true })
  reference: string | null;

  @Column('timestamptz')
  receivedAt: Date;

  @Column('uuid', { nullable: true })
  recordedById: string | null;

  /** A reversal's payment. */
  @Column('uuid', { nullable: true })
  reversedPaymentId: string | null;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reversed_payment_id' })
  reversedPayment?: Payment;

  /** Why a reversal was made. */
  @Column('text', { nullable: true })
  reason: string | null;
}
