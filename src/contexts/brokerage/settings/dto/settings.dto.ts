import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsSafeName } from '../../../../platform/http/safe-text';
import { IsNullable } from '../../../../platform/http/validation';
import { AddressDto } from '../../common/address.dto';
import { IsCurrencyCode } from '../../common/money.dto';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,15}$/;

/** Theme colors, each `#rrggbb`. */
export class ThemeColorsDto {
  @ApiProperty({ required: false, example: '#7a1f1f', pattern: HEX_COLOR.source })
  @IsOptional()
  @Matches(HEX_COLOR, { message: '$property must be a #rrggbb color' })
  primary?: string;

  @ApiProperty({ required: false, example: '#f4e9dc', pattern: HEX_COLOR.source })
  @IsOptional()
  @Matches(HEX_COLOR, { message: '$property must be a #rrggbb color' })
  secondary?: string;

  @ApiProperty({ required: false, example: '#c28f2c', pattern: HEX_COLOR.source })
  @IsOptional()
  @Matches(HEX_COLOR, { message: '$property must be a #rrggbb color' })
  accent?: string;
}

/** What the org's document numbers start with (`PO-` makes `PO-000123`). */
export class NumberPrefixesDto {
  @ApiProperty({ example: 'PO-', pattern: PREFIX.source })
  @Matches(PREFIX, { message: '$property must be 1-16 letters, digits, or _ . / -, starting with a letter or digit' })
  po: string;

  @ApiProperty({ example: 'SO-', pattern: PREFIX.source })
  @Matches(PREFIX, { message: '$property must be 1-16 letters, digits, or _ . / -, starting with a letter or digit' })
  so: string;

  @ApiProperty({ example: 'INV-', pattern: PREFIX.source })
  @Matches(PREFIX, { message: '$property must be 1-16 letters, digits, or _ . / -, starting with a letter or digit' })
  invoice: string;
}

/** Some of the number prefixes. */
export class PartialNumberPrefixesDto extends PartialType(NumberPrefixesDto) {}

/** The org's brokerage settings. */
export class BrokerageSettingsDto {
  legalName: string | null;
  contactEmail: string | null;
  address: AddressDto | null;
  logoUrl: string | null;
  themeColors: ThemeColorsDto;
  /** ISO 4217 code of the org's money (credit limits, prices, invoices). */
  currency: string;
  /** IANA time zone in which the org's days (due dates, overdue) begin and end. */
  timeZone: string;
  numberPrefixes: NumberPrefixesDto;
  /** Days relative to an invoice's due date a payment reminder goes out (negative: before it). */
  reminderDays: number[];
  /** After this instant brokerage writes (but the settings) answer 403 `trial-expired`; null: no trial. */
  trialEndsAt: string | null;
  /** Whether officers may approve purchase orders they created. */
  allowSelfApproval: boolean;
}

/** A change of the settings: only the fields given change; null clears a nullable one. */
export class UpdateBrokerageSettingsDto {
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsSafeName()
  @MaxLength(200)
  legalName?: string | null;

  @IsOptional()
  @IsNullable()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;

  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  logoUrl?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ThemeColorsDto)
  themeColors?: ThemeColorsDto;

  @ApiProperty({ required: false, example: 'USD' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiProperty({ required: false, example: 'America/Chicago' })
  @IsOptional()
  @IsTimeZone()
  @MaxLength(64)
  timeZone?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PartialNumberPrefixesDto)
  numberPrefixes?: PartialNumberPrefixesDto;

  @ApiProperty({ required: false, type: [Number], example: [-3, 0, 7, 14, 30] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(-90, { each: true })
  @Max(365, { each: true })
  reminderDays?: number[];

  @ApiProperty({ required: false, nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @IsNullable()
  @IsDateString({ strict: true })
  trialEndsAt?: string | null;

  @IsOptional()
  @IsBoolean()
  allowSelfApproval?: boolean;
}
