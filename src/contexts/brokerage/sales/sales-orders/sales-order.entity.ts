import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { Contact } from '../../contacts/contact.entity';
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
export class SalesOrder extends OrgScopedEntity {
  /** The org's gapless sequence value (1, 2, ...). */
  @Column('bigint')
  sequenceNumber: string;

  /** The org's SO prefix and the sequence value, e.g. `SO-000042`. */
  @Column('varchar', { length: 40 })
  number: string;

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

  @Column('uuid', { nullable: true })
  plantId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plant_id' })
  plant?: Party;

  @Column('uuid', { nullable: true })
  carrierId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carrier_id' })
  carrier?: Party;

  @Column('uuid', { nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column('date')
  orderDate: string;

  @Column('date', { nullable: true })
  pickupDate: string | null;

  @Column('date', { nullable: true })
  deliveryDate: string | null;

  @Column('varchar', { length: 64, nullable: true })
  customerPoNumber: string | null;

  @Column('varchar', { length: 64, nullable: true })
  carrierReleaseNumber: string | null;

  @Column('char', { length: 3 })
  currency: string;

  /** The sum of the lines' totals, kept by the server with the lines. */
  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  total: string;

  @Column('text', { default: '' })
  notes: string;

  @Column('uuid', { nullable: true })
  createdById: string | null;

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
