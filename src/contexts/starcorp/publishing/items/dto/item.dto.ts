import { PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';

/** A new item starts with quantity 0: stock comes in by adjustments, so every unit has a movement. */
export class CreateStoreItemDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(255)
  title: string;

  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  imageUrl?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(64)
  category?: string | null;

  /** Where it is kept (a station, a hangar). */
  @IsOptional()
  @IsNullable()
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(120)
  location?: string | null;
}

export class UpdateStoreItemDto extends PartialType(CreateStoreItemDto) {}

export class AdjustStoreItemDto {
  /** Units added (positive) or removed (negative); never zero. */
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  delta: number;

  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(300)
  reason: string;
}

export class StoreItemDto {
  id: string;
  title: string;
  description: string;
  /** Units in stock. */
  quantity: number;
  imageUrl: string | null;
  category: string | null;
  location: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class ItemMovementDto {
  id: string;
  itemId: string;
  delta: number;
  quantityAfter: number;
  reason: string;
  actorUserId: string | null;
  createdAt: Date;
}

/** An adjustment's result: the item as it is now and the movement written. */
export class StoreItemAdjustedDto {
  item: StoreItemDto;
  movement: ItemMovementDto;
}

export class ListStoreItemsQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  location?: string;

  /** Case-insensitive substring of the title. */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;
}

export class ListItemMovementsQueryDto extends CursorPageQueryDto {}
