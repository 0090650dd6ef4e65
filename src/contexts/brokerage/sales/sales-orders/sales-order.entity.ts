import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrderHeader } from '../../common/order-header.entity';
import { Party } from '../../parties/party.entity';
import type { SalesOrderStatus } from './sales-order-rules';

/** A load sold to a customer: numbered per org, priced by its lines, confirmed within the customer's credit. */
@Entity('brokerage_sales_orders')
@Index('uq_brokerage_sales_orders_org_number', ['orgId', 'sequenceNumber'], { unique: true })
@Index('ix_brokerage_sales_orders_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_brokerage_sales_orders_org_status', ['orgId', 'status', 'createdAt'])
@Index('ix_brokerage_sales_orders_org_customer', ['orgId', 'customerId', 'status'])
@Check(
  'chk_brokerage_sales_orders_status',
  `"status" IN ('pending', 'confirmed', 'in_transit', 'delivered', 'cancelled')`,
)
@Check('chk_brokerage_sales_orders_total', '"total" >= 0')
export class SalesOrder extends OrderHeader {
  @Column('varchar', { length: 20, default: 'pending' })
  status: SalesOrderStatus;

  @Column('uuid')
  customerId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Party;

  @Column('uuid', { nullable: true })
  supplierId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Party;

  @Column('varchar', { length: 64, nullable: true })
  customerPoNumber: string | null;

  @Column('uuid', { nullable: true })
  confirmedById: string | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;

  /** Why an officer confirmed past the customer's credit limit (null when it was within it). */
  @Column('text', { nullable: true })
  creditOverrideReason: string | null;

  @Column('timestamptz', { nullable: true })
  shippedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;
}
