import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsSafeName } from '../../../../platform/http/safe-text';
import {
  PACKAGE_TYPES,
  type PackageType,
  SHIPPING_METHODS,
  type ShippingMethod,
  STORAGE_TYPES,
  type StorageType,
  WEIGHT_TYPES,
  type WeightType,
} from '../../common/choices';
import { ListTradingPartiesQueryDto, TradingPartyBaseDto, TradingPartyFieldsDto } from './party.dto';

/** A certificate a supplier holds (USDA organic, HACCP, SQF, halal, ...) and when it expires. */
export class SupplierCertificateDto {
  @ApiProperty({ example: 'SQF' })
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(64)
  type: string;

  @IsOptional()
  @IsString()
  @IsSafeName()
  @MaxLength(64)
  number?: string;

  /** The day it expires (YYYY-MM-DD). */
  @ApiProperty({ type: String, format: 'date', example: '2027-06-30' })
  @IsDateString({ strict: true })
  @MaxLength(10)
  expiresAt: string;
}

/** What a supplier can deliver. */
export class SupplierCapabilitiesDto {
  /** Countries or regions the product comes from. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  origins?: string[];

  @ApiProperty({ required: false, enum: STORAGE_TYPES, enumName: 'BrokerageStorageType', isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(STORAGE_TYPES, { each: true })
  storage?: StorageType[];

  @ApiProperty({ required: false, enum: PACKAGE_TYPES, enumName: 'BrokeragePackageType', isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(PACKAGE_TYPES, { each: true })
  packageTypes?: PackageType[];

  @ApiProperty({ required: false, enum: WEIGHT_TYPES, enumName: 'BrokerageWeightType', isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(WEIGHT_TYPES, { each: true })
  weightTypes?: WeightType[];

  /** Whether it sells tested product (e.g. for E. coli). */
  @IsOptional()
  @IsBoolean()
  tested?: boolean;

  @ApiProperty({ required: false, enum: SHIPPING_METHODS, enumName: 'BrokerageShippingMethod', isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(SHIPPING_METHODS, { each: true })
  shipping?: ShippingMethod[];

  /** Whether it provides export documents (health certificates, ...). */
  @IsOptional()
  @IsBoolean()
  exportDocuments?: boolean;
}

export class CreateSupplierDto extends TradingPartyFieldsDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SupplierCertificateDto)
  certificates?: SupplierCertificateDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => SupplierCapabilitiesDto)
  capabilities?: SupplierCapabilitiesDto;
}

export class UpdateSupplierDto extends PartialType(CreateSupplierDto) {}

export class SupplierDto extends TradingPartyBaseDto {
  certificates: SupplierCertificateDto[];
  capabilities: SupplierCapabilitiesDto;
  /** Mean of the 1-5 quality scores given when its purchase orders were received (two places); null before any. */
  @ApiProperty({ type: String, nullable: true, example: '4.50', readOnly: true })
  qualityRating: string | null;
}

export class ListSuppliersQueryDto extends ListTradingPartiesQueryDto {}
