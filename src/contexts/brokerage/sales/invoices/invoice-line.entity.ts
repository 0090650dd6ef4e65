import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { WeightUnit } from '../../common/money.dto';
import { Product } from '../../products/product.entity';
import type { PriceBasis } from '../../purchase-orders/purchase-order-rules';
import { Invoice } from './invoice.entity';

/** One billed line: the actual weight (or cases) times the unit price; the total is the server's. */
@Entity('brokerage_invoice_lines')
@Index('uq_brokerage_invoice_lines_invoice_line', ['orgId', 'invoiceId', 'lineNo'], { unique: true })
@Index('ix_brokerage_invoice_lines_product', ['orgId', 'productId'])
@Check('chk_brokerage_invoice_lines_amounts', '"cases" >= 0 AND "weight" >= 0 AND "unit_price" >= 0 AND "total" >= 0')
export class InvoiceLine extends OrgScopedEntity {
  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column('int')
  lineNo: number;

  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column('varchar', { length: 300 })
  description: string;

  @Column('int')
  cases: number;

  /** The actual (delivered) weight billed. */
  @Column('numeric', { precision: 12, scale: 3 })
  weight: string;

  @Column('varchar', { length: 3 })
  weightUnit: WeightUnit;

  @Column('varchar', { length: 8 })
  priceBasis: PriceBasis;

  @Column('numeric', { precision: 12, scale: 4 })
  unitPrice: string;

  @Column('numeric', { precision: 14, scale: 2 })
  total: string;
}
