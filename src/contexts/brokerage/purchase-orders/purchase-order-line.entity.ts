import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { WeightType } from '../common/choices';
import type { WeightUnit } from '../common/money.dto';
import { Product } from '../products/product.entity';
import { PurchaseOrder } from './purchase-order.entity';
import type { PriceBasis } from './purchase-order-rules';

/** One product on a purchase order: cases, weight and price; the total is the server's. */
@Entity('brokerage_purchase_order_lines')
@Index('uq_brokerage_purchase_order_lines_order_line', ['orgId', 'purchaseOrderId', 'lineNo'], { unique: true })
@Index('ix_brokerage_purchase_order_lines_product', ['orgId', 'productId'])
@Check(
  'chk_brokerage_purchase_order_lines_amounts',
  '"cases" >= 0 AND "weight" >= 0 AND "unit_price" >= 0 AND "total" >= 0',
)
export class PurchaseOrderLine extends OrgScopedEntity {
  @Column('uuid')
  purchaseOrderId: string;

  @ManyToOne(() => PurchaseOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'purchase_order_id' })
  purchaseOrder?: PurchaseOrder;

  /** 1, 2, ... in the order's line order. */
  @Column('int')
  lineNo: number;

  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column('int')
  cases: number;

  @Column('numeric', { precision: 12, scale: 3 })
  weight: string;

  @Column('varchar', { length: 3 })
  weightUnit: WeightUnit;

  /** The product's net or catch weight when ordered: catch weight bills the weight received. */
  @Column('varchar', { length: 8 })
  weightType: WeightType;

  @Column('varchar', { length: 8 })
  priceBasis: PriceBasis;

  @Column('numeric', { precision: 12, scale: 4 })
  unitPrice: string;

  @Column('numeric', { precision: 14, scale: 2 })
  total: string;

  @Column('int', { nullable: true })
  receivedCases: number | null;

  @Column('numeric', { precision: 12, scale: 3, nullable: true })
  receivedWeight: string | null;
}
