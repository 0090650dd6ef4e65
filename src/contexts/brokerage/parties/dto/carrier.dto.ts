import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsSafeName } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';
import { CARRIER_DEPARTMENTS, CARRIER_TYPES, type CarrierDepartment, type CarrierType } from '../../common/choices';
import { PaymentTermsDto } from '../../common/payment-terms.dto';
import { ListPartiesQueryDto, PartyBaseDto, PartyFieldsDto } from './party.dto';

const DOCKET = /^[0-9]{1,10}$/;

/** The carrier's cargo insurance; an expired one keeps the carrier off new orders. */
export class CarrierInsuranceDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(120)
  provider: string;

  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(64)
  policyNumber: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @IsDateString({ strict: true })
  expiresAt: string;
}

/** Where a carrier's department (bills of lading, certificates of analysis, proofs of delivery) is reached. */
export class CarrierDepartmentDto {
  @ApiProperty({ enum: CARRIER_DEPARTMENTS, enumName: 'BrokerageCarrierDepartment' })
  @IsIn(CARRIER_DEPARTMENTS)
  department: CarrierDepartment;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Matches(/^[0-9+().\-\s x]{3,40}$/, { message: '$property must be a phone number' })
  phone?: string;
}

export class CreateCarrierDto extends PartyFieldsDto {
  @ApiProperty({ enum: CARRIER_TYPES, enumName: 'BrokerageCarrierType' })
  @IsIn(CARRIER_TYPES)
  type: CarrierType;

  /** FMCSA motor carrier (MC) number, digits. */
  @ApiProperty({ required: false, nullable: true, type: String, example: '123456' })
  @IsOptional()
  @IsNullable()
  @Matches(DOCKET, { message: '$property must be 1-10 digits' })
  mcNumber?: string | null;

  /** US DOT number, digits. */
  @ApiProperty({ required: false, nullable: true, type: String, example: '2345678' })
  @IsOptional()
  @IsNullable()
  @Matches(DOCKET, { message: '$property must be 1-10 digits' })
  dotNumber?: string | null;

  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => CarrierInsuranceDto)
  insurance?: CarrierInsuranceDto | null;

  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => PaymentTermsDto)
  terms?: PaymentTermsDto | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CARRIER_DEPARTMENTS.length)
  @ValidateNested({ each: true })
  @Type(() => CarrierDepartmentDto)
  departments?: CarrierDepartmentDto[];
}

export class UpdateCarrierDto extends PartialType(CreateCarrierDto) {}

export class CarrierDto extends PartyBaseDto {
  @ApiProperty({ enum: CARRIER_TYPES, enumName: 'BrokerageCarrierType' })
  type: CarrierType;
  mcNumber: string | null;
  dotNumber: string | null;
  insurance: CarrierInsuranceDto | null;
  /** Whether the insurance is missing or expired now: such a carrier cannot be put on new orders. */
  insuranceExpired: boolean;
  terms: PaymentTermsDto | null;
  departments: CarrierDepartmentDto[];
}

export class ListCarriersQueryDto extends ListPartiesQueryDto {
  @ApiProperty({ required: false, enum: CARRIER_TYPES, enumName: 'BrokerageCarrierType' })
  @IsOptional()
  @IsIn(CARRIER_TYPES)
  type?: CarrierType;
}
