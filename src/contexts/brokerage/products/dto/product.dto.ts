import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { IsSafeText } from '../../../../platform/http/safe-text';
import {
  PACKAGE_TYPES,
  type PackageType,
  STORAGE_TYPES,
  type StorageType,
  WEIGHT_TYPES,
  type WeightType,
} from '../../common/choices';
import { WeightDto } from '../../common/weight.dto';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,31}$/;

export class CreateProductDto {
  /** The org's code for the product, unique per org. */
  @ApiProperty({ example: 'BF-8141-FZ', pattern: CODE.source })
  @Matches(CODE, { message: '$property must be 1-32 letters, digits, _ . - or /' })
  productCode: string;

  @IsString()
  @IsNotEmpty()
  @IsSafeText()
  @MaxLength(500)
  description: string;

  /** One of the org's proteins, by name (any case). */
  @ApiProperty({ example: 'Beef' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(48)
  proteinType: string;

  @ApiProperty({ enum: STORAGE_TYPES, enumName: 'BrokerageStorageType' })
  @IsIn(STORAGE_TYPES)
  storage: StorageType;

  @ApiProperty({ enum: PACKAGE_TYPES, enumName: 'BrokeragePackageType' })
  @IsIn(PACKAGE_TYPES)
  packageType: PackageType;

  @ApiProperty({ enum: WEIGHT_TYPES, enumName: 'BrokerageWeightType' })
  @IsIn(WEIGHT_TYPES)
  weightType: WeightType;

  @IsOptional()
  @IsBoolean()
  edible?: boolean;

  @IsOptional()
  @IsBoolean()
  tested?: boolean;

  /** Weight of one case (more than zero). */
  @ValidateNested()
  @Type(() => WeightDto)
  unitWeight: WeightDto;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateProductDto extends PartialType(CreateProductDto) {}

export class ProductDto {
  id: string;
  productCode: string;
  description: string;
  proteinId: string;
  proteinType: string;
  @ApiProperty({ enum: STORAGE_TYPES, enumName: 'BrokerageStorageType' })
  storage: StorageType;
  @ApiProperty({ enum: PACKAGE_TYPES, enumName: 'BrokeragePackageType' })
  packageType: PackageType;
  @ApiProperty({ enum: WEIGHT_TYPES, enumName: 'BrokerageWeightType' })
  weightType: WeightType;
  edible: boolean;
  tested: boolean;
  unitWeight: WeightDto;
  active: boolean;
}

export class ListProductsQueryDto extends CursorPageQueryDto {
  /** Case-insensitive part of the code or description. */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  /** Only this protein (by name). */
  @IsOptional()
  @IsString()
  @MaxLength(48)
  proteinType?: string;

  @ApiProperty({ required: false, enum: STORAGE_TYPES, enumName: 'BrokerageStorageType' })
  @IsOptional()
  @IsIn(STORAGE_TYPES)
  storage?: StorageType;

  /** Only active (true) or inactive (false) products. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}
