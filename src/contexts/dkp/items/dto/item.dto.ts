import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { CursorPageQueryDto, OffsetPageQueryDto } from '../../../../platform/http/page-query.dto';
import { ITEM_RARITIES, type ItemRarity } from '../item.entity';

export class CreateItemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(48)
  category?: string;

  @ApiProperty({ enum: ITEM_RARITIES, enumName: 'ItemRarity', required: false, default: 'common' })
  @IsOptional()
  @IsIn(ITEM_RARITIES)
  rarity?: ItemRarity;

  /** e.g. an Allakhazam page. */
  @IsOptional()
  @IsNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  externalUrl?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class UpdateItemDto extends PartialType(CreateItemDto) {}

export class ListItemsQueryDto extends OffsetPageQueryDto {
  /** Case-insensitive substring of the name. */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  @IsOptional()
  @IsString()
  @MaxLength(48)
  category?: string;
}

export class ItemDto {
  id: string;
  name: string;
  category: string;
  @ApiProperty({ enum: ITEM_RARITIES, enumName: 'ItemRarity' })
  rarity: ItemRarity;
  externalUrl: string | null;
  description: string;
  /** The game's id of the item, kept by imports (EQdkp `game_itemid`); several ids are comma-separated. */
  @ApiProperty({ required: false, nullable: true, readOnly: true, type: String, example: '10031' })
  gameItemId?: string | null;
}

/** Winning amounts of an item's awards (reversed awards excluded). */
export class PriceStatsDto {
  count: number;
  min: string | null;
  median: string | null;
  max: string | null;
}

export class BidHistoryQueryDto extends CursorPageQueryDto {}
