import { IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsSafeName } from '../../../platform/http/safe-text';

/** A postal address. */
export class AddressDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(200)
  line1: string;

  @IsOptional()
  @IsString()
  @IsSafeName()
  @MaxLength(200)
  line2?: string;

  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(100)
  city: string;

  /** State, province or region. */
  @IsOptional()
  @IsString()
  @IsSafeName()
  @MaxLength(100)
  region?: string;

  @IsOptional()
  @IsString()
  @IsSafeName()
  @MaxLength(20)
  postalCode?: string;

  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  @IsISO31661Alpha2()
  country: string;
}
