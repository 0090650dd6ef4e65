import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../../../../platform/http/calendar-date';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { AGEING_BUCKETS } from '../../payments/payment-rules';

const calendarDate = (description: string) =>
  IsCalendarDate(
    { required: false, type: String, format: 'date', example: '2026-11-30', description },
    (property) => `${property} must be a date YYYY-MM-DD`,
  );

export const AGEING_BASES = ['due_date', 'invoice_date'] as const;
export type AgeingBasis = (typeof AGEING_BASES)[number];

export class ListReceivablesQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  customerId?: string;

  /** Only overdue invoices (true) or only those not yet due (false). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}

/** One open invoice: what it still owes and how late it is (in the org's time zone). */
export class ReceivableDto {
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string;
  status: string;
  invoiceDate: string;
  dueDate: string;
  total: string;
  outstanding: string;
  currency: string;
  daysOverdue: number;
}

export class AgeingQueryDto {
  @calendarDate("The day the ages are counted to; default the org's today.")
  @IsOptional()
  asOf?: string;

  @ApiProperty({ required: false, enum: AGEING_BASES, enumName: 'BrokerageAgeingBasis', default: 'due_date' })
  @IsOptional()
  @IsIn(AGEING_BASES)
  basis?: AgeingBasis;

  @ApiProperty({ required: false, enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** Amounts per bucket (`0-30`, `31-60`, `61-90`, `91-120`, `121+`) and their total. */
export class AgeingBucketsDto {
  @ApiProperty({ name: '0-30' })
  '0-30': string;
  @ApiProperty({ name: '31-60' })
  '31-60': string;
  @ApiProperty({ name: '61-90' })
  '61-90': string;
  @ApiProperty({ name: '91-120' })
  '91-120': string;
  @ApiProperty({ name: '121+' })
  '121+': string;
  total: string;
}

export class AgeingCustomerDto extends AgeingBucketsDto {
  customerId: string;
  customerName: string;
  currency: string;
}

export class AgeingTotalDto extends AgeingBucketsDto {
  currency: string;
}

export class AgeingDto {
  asOf: string;
  @ApiProperty({ enum: AGEING_BASES, enumName: 'BrokerageAgeingBasis' })
  basis: AgeingBasis;
  @ApiProperty({ type: [String], example: AGEING_BUCKETS })
  buckets: string[];
  customers: AgeingCustomerDto[];
  /** One total per currency. */
  totals: AgeingTotalDto[];
}

export class StatementQueryDto {
  @calendarDate('First day of the statement; default the first entry.')
  @IsOptional()
  from?: string;

  @calendarDate("Last day of the statement; default the org's today.")
  @IsOptional()
  to?: string;
}

export class StatementEntryDto {
  date: string;
  @ApiProperty({ enum: ['invoice', 'credit_note', 'payment', 'reversal'] })
  kind: 'invoice' | 'credit_note' | 'payment' | 'reversal';
  id: string;
  /** The invoice's number, or the payment's reference. */
  reference: string | null;
  /** Raises the balance (invoices, reversals). */
  debit: string;
  /** Lowers it (credit notes, payments). */
  credit: string;
  balance: string;
}

export class StatementOpenInvoiceDto {
  invoiceId: string;
  number: string;
  dueDate: string;
  outstanding: string;
  daysOverdue: number;
}

/** A customer's account: every invoice, credit note, payment and reversal in the period with a running balance. */
export class StatementDto {
  customerId: string;
  customerName: string;
  currency: string;
  from: string | null;
  to: string;
  openingBalance: string;
  closingBalance: string;
  entries: StatementEntryDto[];
  /** Open invoices (not just the period's) and what each still owes. */
  openInvoices: StatementOpenInvoiceDto[];
  /** The sum the open invoices owe. */
  outstanding: string;
  /** Payments not allocated to invoices (not reversed). */
  unallocatedCredit: string;
}
