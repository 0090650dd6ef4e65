import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { PAYMENT_METHODS, type PaymentMethod } from './payment-terms';

/** Payment terms: method, days after the invoice the balance is due, days before shipment a prepayment is due. */
export class PaymentTermsDto {
  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'BrokeragePaymentMethod' })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  /** Days after the invoice date the balance is due (Net 30 = 30). */
  @IsInt()
  @Min(0)
  @Max(365)
  netDays: number;

  /** Days before shipment a prepayment is due; 0 when none is asked. */
  @IsInt()
  @Min(0)
  @Max(365)
  prepayDays: number;
}
