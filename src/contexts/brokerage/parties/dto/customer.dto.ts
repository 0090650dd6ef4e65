import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { CUSTOMER_INDUSTRIES, type CustomerIndustry } from '../../common/choices';
import { ListTradingPartiesQueryDto, TradingPartyBaseDto, TradingPartyFieldsDto } from './party.dto';

export class CreateCustomerDto extends TradingPartyFieldsDto {
  @ApiProperty({
    required: false,
    nullable: true,
    enum: CUSTOMER_INDUSTRIES,
    enumName: 'BrokerageCustomerIndustry',
    type: String,
  })
  @IsOptional()
  @IsNullable()
  @IsIn(CUSTOMER_INDUSTRIES)
  industry?: CustomerIndustry | null;

  /** Whether the customer picks loads up itself (no carrier booked). */
  @IsOptional()
  @IsBoolean()
  willPickUp?: boolean;

  /** The contact (of the org's contacts) that receives invoices. */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  apContactId?: string | null;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {}

export class CustomerDto extends TradingPartyBaseDto {
  @ApiProperty({ nullable: true, enum: CUSTOMER_INDUSTRIES, enumName: 'BrokerageCustomerIndustry', type: String })
  industry: CustomerIndustry | null;
  willPickUp: boolean;
  apContactId: string | null;
}

export class ListCustomersQueryDto extends ListTradingPartiesQueryDto {}
