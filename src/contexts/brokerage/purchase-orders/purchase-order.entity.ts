import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { Contact } from '../contacts/contact.entity';
import { Party } from '../parties/party.entity';
import type { PurchaseOrderStatus } from './purchase-order-rules';

export const APPOINTMENT_METHODS = ['email', 'phone', 'portal', 'none'] as const;
export type AppointmentMethod = (typeof APPOINTMENT_METHODS)[number];

/** A load bought from a supplier: numbered per org, priced by its lines, approved, then received. */
@Entity('brokerage_purchase_orders')
@Index('uq_brokerage_purchase_orders_org_number', ['orgId', 'sequenceNumber'], { unique: true })
@Index('ix_brokerage_purchase_orders_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_brokerage_purchase_orders_org_status', ['orgId', 'status', 'createdAt'])
@Index('ix_brokerage_purchase_orders_org_supplier', ['orgId', 'supplierId'])
@Check(
  'chk_brokerage_purchase_orders_status',
  `"status" IN ('draft', 'pending_approval', 'approved', 'received', 'closed', 'cancelled')`,
)
@Check('chk_brokerage_purchase_orders_total', '"total" >= 0')
@Check('chk_brokerage_purchase_orders_quality_score', '"quality_score" BETWEEN 1 AND 5')
export class PurchaseOrder extends OrgScopedEntity {
  /** The org's gapless sequence value (1, 2, ...). */
  @Column('bigint')
  sequenceNumber: string;

  /** The number on the documents: the org's PO prefix and the sequence value, e.g. `PO-000042`. */
  @Column('varchar', { length: 40 })
  number: string;

  @Column('varchar', { length: 20, default: 'draft' })
  status: PurchaseOrderStatus;

  @Column('uuid')
  supplierId: string;

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
  supplierConfirmationNumber: string | null;

  @Column('varchar', { length: 64, nullable: true })
  carrierReleaseNumber: string | null;

  @Column('varchar', { length: 16, nullable: true })
  appointmentMethod: AppointmentMethod | null;

  @Column('char', { length: 3 })
  currency: string;

  /** The sum of the lines' totals, kept by the server with the lines. */
  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  total: string;

  @Column('text', { default: '' })
  notes: string;

  /** The user who created it (members edit their own drafts). */
  @Column('uuid', { nullable: true })
  createdById: string | null;

  @Column('uuid', { nullable: true })
  approvedById: string | null;

  @Column('timestamptz', { nullable: true })
  approvedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  receivedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  /** How the load was (1-5), given when it is received: the supplier's quality rating is their mean. */
  @Column('smallint', { nullable: true })
  qualityScore: number | null;
}
