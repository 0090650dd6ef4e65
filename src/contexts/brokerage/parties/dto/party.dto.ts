import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';
import { AddressDto } from '../../common/address.dto';
import { MoneyDto } from '../../common/money.dto';
import { PaymentTermsDto } from '../../common/payment-terms.dto';
import { IsBoolean } from 'class-validator';

const PHONE = /^[0-9+().\-\s x]{3,40}$/;

/** What every party has: name, optional code, how to reach it, where it is, notes. */
export class PartyFieldsDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(200)
  name: string;

  /** The org's short code for the party, unique per kind (a customer's account number, a plant's code). */
  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    example: 'ACME-01',
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$',
  })
  @IsOptional()
  @IsNullable()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, { message: '$property must be 1-32 letters, digits, _ . or -' })
  code?: string | null;

  @IsOptional()
  @IsNullable()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, example: '+1 402 555 0100' })
  @IsOptional()
  @IsNullable()
  @Matches(PHONE, { message: '$property must be a phone number' })
  phone?: string | null;

  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(5000)
  notes?: string;
}

/** Fields of the parties the org trades with (suppliers, customers): terms, credit, proteins, plant. */
export class TradingPartyFieldsDto extends PartyFieldsDto {
  /** The party's plant (a plant of the org). */
  @IsOptional()
  @IsNullable()
  @IsUUID()
  plantId?: string | null;

  /** Names of the org's proteins the party sells or prefers. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(48, { each: true })
  proteins?: string[];

  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => PaymentTermsDto)
  terms?: PaymentTermsDto | null;

  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => MoneyDto)
  creditLimit?: MoneyDto | null;
}

/** What every party answers with. */
export class PartyBaseDto {
  id: string;
  name: string;
  code: string | null;
  email: string | null;
  phone: string | null;
  address: AddressDto | null;
  notes: string;
  /** When it was archived (off lists and new orders); null while active. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

/** Trading parties' answer fields. */
export class TradingPartyBaseDto extends PartyBaseDto {
  plantId: string | null;
  proteins: string[];
  terms: PaymentTermsDto | null;
  creditLimit: MoneyDto | null;
}

/** A list of parties: name order, keyset pages, search and filters. */
export class ListPartiesQueryDto extends CursorPageQueryDto {
  /** Words of the name or code; each matches as a prefix ("acme pack" finds "Acme Packing Co"). */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  /** Include archived ones (default: only active). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

/** A list of trading parties, optionally by protein or plant. */
export class ListTradingPartiesQueryDto extends ListPartiesQueryDto {
  /** Only those listing this protein (by name). */
  @IsOptional()
  @IsString()
  @MaxLength(48)
  protein?: string;

  @IsOptional()
  @IsUUID()
  plantId?: string;
}
