import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { WEIGHT_UNITS, type WeightUnit } from '../../../common/money.dto';
import { PRICE_BASES, type PriceBasis } from '../../../purchase-orders/purchase-order-rules';
import { INVOICE_KINDS, INVOICE_STATUSES, type InvoiceKind, type InvoiceStatus } from '../invoice-rules';

/** One billed line as entered: the actual weight (or cases) and the price; the server computes the total. */
export class InvoiceLineInputDto {
  /** A product of the org. */
  @IsUUID()
  productId: string;

  /** Default: the product's description. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(300)
  description?: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  cases: number;

  /** The actual weight billed. */
  @IsDecimalString({ scale: 3, integerDigits: 9, example: '40112.500' })
  weight: string;

  @ApiProperty({ enum: WEIGHT_UNITS, enumName: 'BrokerageWeightUnit' })
  @IsIn(WEIGHT_UNITS)
  weightUnit: WeightUnit;

  @ApiProperty({ enum: PRICE_BASES, enumName: 'BrokeragePriceBasis' })
  @IsIn(PRICE_BASES)
  priceBasis: PriceBasis;

  @IsDecimalString({ scale: 4, integerDigits: 8, example: '2.1350' })
  unitPrice: string;
}

const invoiceDate = () =>
  ApiProperty({
    type: String,
    format: 'date',
    example: '2026-11-30',
    required: false,
    nullable: true,
    description: "Default: the org's today when it is issued.",
  });

/** Sales tax as a percentage (three places), applied to the subtotal. */
const taxRate = () => IsDecimalString({ scale: 3, integerDigits: 3, example: '8.875' });

export class CreateInvoiceDto {
  /** A customer of the org. */
  @IsUUID()
  customerId: string;

  @invoiceDate()
  @IsOptional()
  @IsNullable()
  @IsDateString({ strict: true })
  @MaxLength(10)
  invoiceDate?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(64)
  customerPoNumber?: string | null;

  @IsOptional()
  @taxRate()
  taxRate?: string;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  notes?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInputDto)
  lines: InvoiceLineInputDto[];
}

/** A change of a draft; `lines`, when given, replaces them. */
export class UpdateInvoiceDto extends PartialType(OmitType(CreateInvoiceDto, ['customerId'] as const)) {}

/** A draft invoice for a delivered sales order: its customer, PO number and lines (delivered weights). */
export class CreateInvoiceFromSalesOrderDto {
  @IsUUID()
  salesOrderId: string;

  @invoiceDate()
  @IsOptional()
  @IsNullable()
  @IsDateString({ strict: true })
  @MaxLength(10)
  invoiceDate?: string | null;

  @IsOptional()
  @taxRate()
  taxRate?: string;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  notes?: string;
}

/** A draft credit note correcting an issued invoice: what is credited, line by line. */
export class CreateCreditNoteDto {
  /** Why the invoice is corrected (printed on the credit note). */
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(5000)
  notes: string;

  @IsOptional()
  @taxRate()
  taxRate?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInputDto)
  lines: InvoiceLineInputDto[];
}

export class VoidInvoiceDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(1000)
  reason: string;
}

export class InvoiceLineDto {
  id: string;
  lineNo: number;
  productId: string;
  description: string;
  cases: number;
  weight: string;
  @ApiProperty({ enum: WEIGHT_UNITS, enumName: 'BrokerageWeightUnit' })
  weightUnit: WeightUnit;
  @ApiProperty({ enum: PRICE_BASES, enumName: 'BrokeragePriceBasis' })
  priceBasis: PriceBasis;
  unitPrice: string;
  total: string;
}

export class InvoiceDto {
  id: string;
  @ApiProperty({ enum: INVOICE_KINDS, enumName: 'BrokerageInvoiceKind' })
  kind: InvoiceKind;
  /** Given at issue from the org's gapless counter (null on drafts), e.g. `INV-000042`. */
  number: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES, enumName: 'BrokerageInvoiceStatus' })
  status: InvoiceStatus;
  customerId: string;
  salesOrderId: string | null;
  /** A credit note's invoice. */
  creditedInvoiceId: string | null;
  invoiceDate: string | null;
  dueDate: string | null;
  customerPoNumber: string | null;
  currency: string;
  taxRate: string;
  subtotal: string;
  tax: string;
  total: string;
  /** What the customer still owes. */
  outstanding: string;
  /** Derived: open, money outstanding, due date past in the org's time zone. */
  overdue: boolean;
  daysOverdue: number;
  notes: string;
  createdById: string | null;
  issuedById: string | null;
  issuedAt: string | null;
  /** The PDF stored at issue (`GET .../pdf` serves it). */
  pdfFileId: string | null;
  cancelledAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
  lines: InvoiceLineDto[];
}

export class ListInvoicesQueryDto extends CursorPageQueryDto {
  @ApiProperty({ required: false, enum: INVOICE_STATUSES, enumName: 'BrokerageInvoiceStatus' })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;

  @ApiProperty({ required: false, enum: INVOICE_KINDS, enumName: 'BrokerageInvoiceKind' })
  @IsOptional()
  @IsIn(INVOICE_KINDS)
  kind?: InvoiceKind;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsUUID()
  salesOrderId?: string;

  /** Only overdue invoices (true) or only those that are not (false). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}
