import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import {
  COMPONENT_TYPES,
  type ComponentType,
  PRODUCTION_STATUSES,
  type ProductionStatus,
  SHIP_SIZES,
  type ShipSize,
} from '../ship-kinds';

export const SHIP_ORDERS = ['name', 'price'] as const;
export type ShipOrder = (typeof SHIP_ORDERS)[number];

export class ListShipsQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: SHIP_SIZES, enumName: 'StarcorpShipSize', required: false })
  @IsOptional()
  @IsIn(SHIP_SIZES)
  size?: ShipSize;

  /** Exact type (classification), e.g. `combat`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  /** Production status. */
  @ApiProperty({ enum: PRODUCTION_STATUSES, enumName: 'StarcorpProductionStatus', required: false })
  @IsOptional()
  @IsIn(PRODUCTION_STATUSES)
  status?: ProductionStatus;

  /** Manufacturer code, e.g. `AEGS`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,10}$/, { message: 'manufacturer must be a manufacturer code' })
  manufacturer?: string;

  /** Case-insensitive substring of the ship's name. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  search?: string;

  /** `name` (default) or `price` (pledge price, unknown prices first). */
  @ApiProperty({ enum: SHIP_ORDERS, enumName: 'StarcorpShipOrder', required: false, default: 'name' })
  @IsOptional()
  @IsIn(SHIP_ORDERS)
  order: ShipOrder = 'name';

  /** Also list models retired from the catalog. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeRetired?: boolean;
}

export class ManufacturerDto {
  id: string;
  code: string;
  name: string;
  @ApiProperty({ type: String, nullable: true })
  logoUrl: string | null;
}

export class ShipComponentDto {
  @ApiProperty({ enum: COMPONENT_TYPES, enumName: 'StarcorpComponentType' })
  type: ComponentType;
  name: string;
  @ApiProperty({ type: String, nullable: true })
  size: string | null;
  quantity: number;
  @ApiProperty({ type: String, nullable: true })
  mountName: string | null;
  @ApiProperty({ type: String, nullable: true })
  manufacturer: string | null;
}

const decimal = (description: string) => ApiProperty({ type: String, nullable: true, example: '22.50', description });
const nullableText = () => ApiProperty({ type: String, nullable: true });
const nullableInt = () => ApiProperty({ type: Number, nullable: true });

export class ShipDto {
  id: string;
  externalId: string;
  name: string;
  manufacturer: ManufacturerDto;
  @nullableText()
  type: string | null;
  @nullableText()
  role: string | null;
  @nullableText()
  career: string | null;
  @nullableText()
  focus: string | null;
  @ApiProperty({ enum: SHIP_SIZES, enumName: 'StarcorpShipSize' })
  size: ShipSize;
  @decimal('Metres, a decimal string')
  length: string | null;
  @decimal('Metres, a decimal string')
  beam: string | null;
  @decimal('Metres, a decimal string')
  height: string | null;
  @decimal('Kilograms, a decimal string')
  mass: string | null;
  @nullableInt()
  minCrew: number | null;
  @nullableInt()
  maxCrew: number | null;
  @nullableInt()
  cargoScu: number | null;
  @ApiProperty({ enum: PRODUCTION_STATUSES, enumName: 'StarcorpProductionStatus' })
  productionStatus: ProductionStatus;
  @decimal('USD, a decimal string')
  pledgePrice: string | null;
  @nullableText()
  imageUrl: string | null;
  @nullableText()
  storeUrl: string | null;
  /** Left the catalog while hulls of it are in fleets. */
  retired: boolean;
}

export class ShipDetailDto extends ShipDto {
  components: ShipComponentDto[];
}
