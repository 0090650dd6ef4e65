import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDecimalString } from '../../../../../platform/domain/decimal';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsCurrencyCode } from '../../../common/money.dto';
import { PAYMENT_KINDS, RECEIPT_METHODS, type PaymentKind, type ReceiptMethod } from '../payment-rules';

const positiveAmount = () => IsDecimalString({ scale: 2, integerDigits: 12, example: '1250.00' });

/** Part of a payment applied to one invoice of the payment's customer. */
export class AllocationInputDto {
  /** An issued (or partly paid) invoice of the customer, in the payment's currency. */
  @IsUUID()
  invoiceId: string;

  /** More than zero, at most what the invoice still owes. */
  @positiveAmount()
  amount: string;
}

export class CreatePaymentDto {
  /** A customer of the org. */
  @IsUUID()
  customerId: string;

  /** What was received: more than zero. */
  @positiveAmount()
  amount: string;

  /** Default: the org's currency. */
  @ApiProperty({ required: false, example: 'USD', description: 'ISO 4217 currency code.' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiProperty({ enum: RECEIPT_METHODS, enumName: 'BrokeragePaymentMethod' })
  @IsIn(RECEIPT_METHODS)
  method: ReceiptMethod;

  /** Check number, wire reference, ... */
  @IsOptional()
  @IsString()
  @IsSafeName()
  @MaxLength(100)
  reference?: string;

  /** When the money arrived (ISO 8601 instant). */
  @IsDateString({ strict: true })
  receivedAt: string;

  /** Invoices the payment settles now; the rest stays the customer's credit (allocate it later). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AllocationInputDto)
  allocations?: AllocationInputDto[];
}

export class AllocatePaymentDto {
  /** Invoices to settle from the payment's unallocated credit. */
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AllocationInputDto)
  allocations: AllocationInputDto[];
}

export class ReversePaymentDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(1000)
  reason: string;
}

export class ListPaymentsQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiProperty({ required: false, enum: PAYMENT_KINDS, enumName: 'BrokeragePaymentKind' })
  @IsOptional()
  @IsIn(PAYMENT_KINDS)
  kind?: PaymentKind;
}

export class AllocationDto {
  id: string;
  invoiceId: string;
  /** The invoice's number. */
  invoiceNumber: string | null;
  amount: string;
  allocatedById: string | null;
  createdAt: string;
}

export class PaymentDto {
  id: string;
  @ApiProperty({ enum: PAYMENT_KINDS, enumName: 'BrokeragePaymentKind' })
  kind: PaymentKind;
  customerId: string;
  amount: string;
  currency: string;
  @ApiProperty({ enum: RECEIPT_METHODS, enumName: 'BrokeragePaymentMethod' })
  method: ReceiptMethod;
  reference: string | null;
  receivedAt: string;
  recordedById: string | null;
  /** A reversal's payment. */
  reversedPaymentId: string | null;
  /** A payment's reversal, once reversed. */
  reversalId: string | null;
  reason: string | null;
  /** The allocations' sum. */
  allocated: string;
  /** What is left for other invoices: the customer's credit (0 once reversed). */
  unallocated: string;
  allocations: AllocationDto[];
  createdAt: string;
}
