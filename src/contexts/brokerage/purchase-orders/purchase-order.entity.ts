import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrderHeader } from '../common/order-header.entity';
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
export class PurchaseOrder extends OrderHeader {
  @Column('varchar', { length: 20, default: 'draft' })
  status: PurchaseOrderStatus;

  @Column('uuid')
  supplierId: string;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Party;

  @Column('varchar', { length: 64, nullable: true })
  supplierConfirmationNumber: string | null;

  @Column('varchar', { length: 16, nullable: true })
  appointmentMethod: AppointmentMethod | null;

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
