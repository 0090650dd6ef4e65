import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { IsDecimalString } from '../../../../platform/domain/decimal';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';
import { WEIGHT_TYPES, type WeightType } from '../../common/choices';
import { WEIGHT_UNITS, type WeightUnit } from '../../common/money.dto';
import { APPOINTMENT_METHODS, type AppointmentMethod } from '../purchase-order.entity';
import {
  PRICE_BASES,
  type PriceBasis,
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrderStatus,
} from '../purchase-order-rules';

const date = (example: string) =>
  ApiProperty({ type: String, format: 'date', example, required: false, nullable: true });

/** One line as entered: the server computes its total. */
export class PurchaseOrderLineInputDto {
  /** An active product of the org. */
  @IsUUID()
  productId: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  cases: number;

  @IsDecimalString({ scale: 3, integerDigits: 9, example: '40000.000' })
  weight: string;

  @ApiProperty({ enum: WEIGHT_UNITS, enumName: 'BrokerageWeightUnit' })
  @IsIn(WEIGHT_UNITS)
  weightUnit: WeightUnit;

  @ApiProperty({ enum: PRICE_BASES, enumName: 'BrokeragePriceBasis' })
  @IsIn(PRICE_BASES)
  priceBasis: PriceBasis;

  /** Price per pound, kilogram or case (four places). */
  @IsDecimalString({ scale: 4, integerDigits: 8, example: '2.1350' })
  unitPrice: string;
}

export class CreatePurchaseOrderDto {
  /** A supplier of the org (active). */
  @IsUUID()
  supplierId: string;

  @IsOptional()
  @IsNullable()
  @IsUUID()
  plantId?: string | null;

  /** An active carrier whose insurance has not expired. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  carrierId?: string | null;

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
  supplierConfirmationNumber?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(64)
  carrierReleaseNumber?: string | null;

  @ApiProperty({
    required: false,
    nullable: true,
    enum: APPOINTMENT_METHODS,
    enumName: 'BrokerageAppointmentMethod',
    type: String,
  })
  @IsOptional()
  @IsNullable()
  @IsIn(APPOINTMENT_METHODS)
  appointmentMethod?: AppointmentMethod | null;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  notes?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PurchaseOrderLineInputDto)
  lines: PurchaseOrderLineInputDto[];
}

/** A change of a draft; `lines`, when given, replaces them all. */
export class UpdatePurchaseOrderDto extends PartialType(OmitType(CreatePurchaseOrderDto, ['supplierId'] as const)) {}

export class CancelPurchaseOrderDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(1000)
  reason: string;
}

/** What arrived for one line. */
export class ReceivedLineDto {
  @IsUUID()
  lineId: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  receivedCases: number;

  /** The weight actually received, in the line's unit. */
  @IsDecimalString({ scale: 3, integerDigits: 9, example: '40112.500' })
  receivedWeight: string;
}

export class ReceivePurchaseOrderDto {
  /** How the load was, 1 (poor) to 5 (excellent): the supplier's quality rating is the mean of these. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  qualityScore?: number;

  /** Every line of the order, once. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReceivedLineDto)
  lines: ReceivedLineDto[];
}

export class PurchaseOrderLineDto {
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
  receivedCases: number | null;
  receivedWeight: string | null;
}

export class PurchaseOrderDto {
  id: string;
  /** The org's document number, e.g. `PO-000042`. */
  number: string;
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, enumName: 'BrokeragePurchaseOrderStatus' })
  status: PurchaseOrderStatus;
  supplierId: string;
  plantId: string | null;
  carrierId: string | null;
  contactId: string | null;
  orderDate: string;
  pickupDate: string | null;
  deliveryDate: string | null;
  supplierConfirmationNumber: string | null;
  carrierReleaseNumber: string | null;
  @ApiProperty({ nullable: true, enum: APPOINTMENT_METHODS, enumName: 'BrokerageAppointmentMethod', type: String })
  appointmentMethod: AppointmentMethod | null;
  /** Sum of the lines' totals, with its currency. */
  total: string;
  currency: string;
  notes: string;
  createdById: string | null;
  approvedById: string | null;
  approvedAt: string | null;
  receivedAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  qualityScore: number | null;
  createdAt: string;
  lines: PurchaseOrderLineDto[];
}

export class ListPurchaseOrdersQueryDto extends CursorPageQueryDto {
  @ApiProperty({ required: false, enum: PURCHASE_ORDER_STATUSES, enumName: 'BrokeragePurchaseOrderStatus' })
  @IsOptional()
  @IsIn(PURCHASE_ORDER_STATUSES)
  status?: PurchaseOrderStatus;

  @IsOptional()
  @IsUUID()
  supplierId?: string;
}
