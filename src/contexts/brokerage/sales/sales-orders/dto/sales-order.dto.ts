import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDecimalString } from '../../../../../platform/domain/decimal';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { WEIGHT_TYPES, type WeightType } from '../../../common/choices';
import { WEIGHT_UNITS, type WeightUnit } from '../../../common/money.dto';
import { PurchaseOrderLineInputDto } from '../../../purchase-orders/dto/purchase-order.dto';
import { PRICE_BASES, type PriceBasis } from '../../../purchase-orders/purchase-order-rules';
import { SALES_ORDER_STATUSES, type SalesOrderStatus } from '../sales-order-rules';

const date = (example: string) =>
  ApiProperty({ type: String, format: 'date', example, required: false, nullable: true });

/** One line as entered (as on purchase orders): the server computes its total. */
export class SalesOrderLineInputDto extends PurchaseOrderLineInputDto {}

export class CreateSalesOrderDto {
  /** An active customer of the org. */
  @IsUUID()
  customerId: string;

  /** The packer the load comes from. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  supplierId?: string | null;

  @IsOptional()
  @IsNullable()
  @IsUUID()
  plantId?: string | null;

  /** An active carrier whose insurance has not expired. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  carrierId?: string | null;

  /** The contact the confirmation is mailed to (else the customer's email). */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  contactId?: string | null;

  /** Default: today (UTC). */
  @ApiProperty({ type: String, format: 'date', example: '2026-11-30', required: false })
  @IsOptional()
  @IsDateString({ strict: true })
  @MaxLength(10)
  orderDate?: string;

  @date('2026-12-02')
  @IsOptional()
  @IsNullable()
  @IsDateString({ strict: true })
  @MaxLength(10)
  pickupDate?: string | null;

  @date('2026-12-04')
  @IsOptional()
  @IsNullable()
  @IsDateString({ strict: true })
  @MaxLength(10)
  deliveryDate?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(64)
  customerPoNumber?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(64)
  carrierReleaseNumber?: string | null;

  /** Purchase orders of the org whose loads this order sells: their cost is the margin's. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  purchaseOrderIds?: string[];

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  notes?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SalesOrderLineInputDto)
  lines: SalesOrderLineInputDto[];
}

/** A change of a pending order; `lines` and `purchaseOrderIds`, when given, replace them. */
export class UpdateSalesOrderDto extends PartialType(OmitType(CreateSalesOrderDto, ['customerId'] as const)) {}

export class ConfirmSalesOrderDto {
  /**
   * Confirms past the customer's credit limit: officers only, with the reason (kept on the order
   * and in the audit log). Without it, an order over the limit is refused.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(1000)
  creditOverrideReason?: string;
}

export class CancelSalesOrderDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(1000)
  reason: string;
}

/** What was delivered for one line. */
export class DeliveredLineDto {
  @IsUUID()
  lineId: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  deliveredCases: number;

  /** The weight actually delivered, in the line's unit. */
  @IsDecimalString({ scale: 3, integerDigits: 9, example: '40112.500' })
  deliveredWeight: string;
}

export class DeliverSalesOrderDto {
  /** Every line of the order, once; left out, the ordered cases and weights were delivered. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DeliveredLineDto)
  lines?: DeliveredLineDto[];
}

export class SalesOrderLineDto {
  id: string;
  lineNo: number;
  productId: string;
  cases: number;
  weight: string;
  @ApiProperty({ enum: WEIGHT_UNITS, enumName: 'BrokerageWeightUnit' })
  weightUnit: WeightUnit;
  @ApiProperty({ enum: WEIGHT_TYPES, enumName: 'BrokerageWeightType' })
  weightType: WeightType;
  @ApiProperty({ enum: PRICE_BASES, enumName: 'BrokeragePriceBasis' })
  priceBasis: PriceBasis;
  unitPrice: string;
  /** Unit price × cases or billed weight, computed by the server. */
  total: string;
  deliveredCases: number | null;
  deliveredWeight: string | null;
}

export class SalesOrderDto {
  id: string;
  /** The org's document number, e.g. `SO-000042`. */
  number: string;
  @ApiProperty({ enum: SALES_ORDER_STATUSES, enumName: 'BrokerageSalesOrderStatus' })
  status: SalesOrderStatus;
  customerId: string;
  supplierId: string | null;
  plantId: string | null;
  carrierId: string | null;
  contactId: string | null;
  orderDate: string;
  pickupDate: string | null;
  deliveryDate: string | null;
  customerPoNumber: string | null;
  carrierReleaseNumber: string | null;
  purchaseOrderIds: string[];
  /** Sum of the lines' totals. */
  total: string;
  /** What the linked purchase orders (not cancelled) cost. */
  cost: string;
  /** total − cost, computed by the server; negative for a loss. */
  margin: string;
  currency: string;
  notes: string;
  createdById: string | null;
  confirmedById: string | null;
  confirmedAt: string | null;
  creditOverrideReason: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  lines: SalesOrderLineDto[];
}

export class ListSalesOrdersQueryDto extends CursorPageQueryDto {
  @ApiProperty({ required: false, enum: SALES_ORDER_STATUSES, enumName: 'BrokerageSalesOrderStatus' })
  @IsOptional()
  @IsIn(SALES_ORDER_STATUSES)
  status?: SalesOrderStatus;

  @IsOptional()
  @IsUUID()
  customerId?: string;
}
