import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import { PurchaseOrder } from '../../purchase-orders/purchase-order.entity';
import { SalesOrder } from './sales-order.entity';

/** A purchase order whose load a sales order sells: its cost counts against the sale's margin. */
@Entity('brokerage_sales_order_purchase_orders')
@Index('uq_brokerage_sales_order_purchase_orders_link', ['orgId', 'salesOrderId', 'purchaseOrderId'], { unique: true })
@Index('ix_brokerage_sales_order_purchase_orders_po', ['orgId', 'purchaseOrderId'])
export class SalesOrderPurchaseOrder extends OrgScopedEntity {
  @Column('uuid')
  salesOrderId: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sales_order_id' })
  salesOrder?: SalesOrder;

  @Column('uuid')
  purchaseOrderId: string;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purchase_order_id' })
  purchaseOrder?: PurchaseOrder;
}
