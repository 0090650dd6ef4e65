import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, Matches } from 'class-validator';
import { IsDecimalString } from '../../../platform/domain/decimal';

/** An ISO 4217 currency code in capitals (`USD`), as the columns store it. */
export const IsCurrencyCode = () =>
  applyDecorators(
    IsISO4217CurrencyCode(),
    Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code in capitals' }),
  );

/** An amount of money: a decimal string with two places and its ISO 4217 currency. */
export class MoneyDto {
  @IsDecimalString({ scale: 2, integerDigits: 12, example: '25000.00' })
  amount: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency code.' })
  @IsCurrencyCode()
  currency: string;
}

/** A weight: a decimal string (three places) with its unit. */
export const WEIGHT_UNITS = ['LBS', 'KG'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
