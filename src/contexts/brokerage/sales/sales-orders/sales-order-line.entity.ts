import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { WeightType } from '../../common/choices';
import type { WeightUnit } from '../../common/money.dto';
import { Product } from '../../products/product.entity';
import type { PriceBasis } from '../../purchase-orders/purchase-order-rules';
import { SalesOrder } from './sales-order.entity';

/** One product on a sales order: cases, weight and price; the total is the server's. */
@Entity('brokerage_sales_order_lines')
@Index('uq_brokerage_sales_order_lines_order_line', ['orgId', 'salesOrderId', 'lineNo'], { unique: true })
@Index('ix_brokerage_sales_order_lines_product', ['orgId', 'productId'])
@Check(
  'chk_brokerage_sales_order_lines_amounts',
  '"cases" >= 0 AND "weight" >= 0 AND "unit_price" >= 0 AND "total" >= 0',
)
export class SalesOrderLine extends OrgScopedEntity {
  @Column('uuid')
  salesOrderId: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sales_order_id' })
  salesOrder?: SalesOrder;

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

  @Column('varchar', { length: 8 })
  weightType: WeightType;

  @Column('varchar', { length: 8 })
  priceBasis: PriceBasis;

  @Column('numeric', { precision: 12, scale: 4 })
  unitPrice: string;

  @Column('numeric', { precision: 14, scale: 2 })
  total: string;

  /** What was delivered (recorded on delivery): catch weight bills this weight. */
  @Column('int', { nullable: true })
  deliveredCases: number | null;

  @Column('numeric', { precision: 12, scale: 3, nullable: true })
  deliveredWeight: string | null;
}
