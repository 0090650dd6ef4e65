import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { RequiredWithout } from '../../../../platform/http/validation';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { IsPoints } from '../../common/points';
import { IsCharacterName } from '../../common/character-name';

export class AwardLootDto {
  /** The item; or give `itemName` (unknown names are added to the catalog). */
  @RequiredWithout<AwardLootDto>('itemName')
  @IsUUID()
  itemId?: string;

  @RequiredWithout<AwardLootDto>('itemId')
  @IsString()
  @MaxLength(120)
  itemName?: string;

  /** The winner; or give `characterName` to credit the character's current owner. */
  @RequiredWithout<AwardLootDto>('characterName')
  @IsUUID()
  userId?: string;

  @RequiredWithout<AwardLootDto>('userId')
  @IsCharacterName({ required: false, message: 'characterName must be a character name' })
  characterName?: string;

  @IsPoints({ description: 'Winning amount, debited from the winner', example: '50.00' })
  amount: string;

  /** Defaults to the raid's pool; required without a raid. */
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @IsOptional()
  @IsUUID()
  raidId?: string;
}

export class ListLootQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsUUID()
  itemId?: string;

  @IsOptional()
  @IsUUID()
  raidId?: string;

  @IsOptional()
  @IsUUID()
  poolId?: string;
}

export class LootDto {
  id: string;
  itemId: string;
  itemName: string;
  userId: string;
  poolId: string;
  raidId: string | null;
  characterName: string | null;
  amount: string;
  /** Set when the award was reversed (its points refunded by a correction entry). */
  reversedAt: Date | null;
  createdAt: Date;
}
