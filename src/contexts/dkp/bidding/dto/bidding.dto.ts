import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { RequiredWithout } from '../../../../platform/http/validation';
import { IsPoints } from '../../common/points';
import { BID_SESSION_STATUSES, type BidSessionStatus } from '../bid-session.entity';
import {
  AUCTION_MODES,
  AUCTION_PRICING,
  TIE_BREAKS,
  type AuctionMode,
  type AuctionPricing,
  type TieBreak,
} from '../../pools/pool.entity';
import { IsCharacterName } from '../../common/character-name';

const DISCORD_ID = /^\d{15,20}$/;

export class StartBidSessionDto {
  /** The item; or give `itemName` (a new name is added to the catalog). */
  @RequiredWithout<StartBidSessionDto>('itemName')
  @IsUUID()
  itemId?: string;

  @ApiProperty({ example: 'Crown of King Tormax', required: false })
  @RequiredWithout<StartBidSessionDto>('itemId')
  @IsString()
  @MaxLength(120)
  itemName?: string;

  /** Defaults to the raid's pool; required without a raid. */
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @IsOptional()
  @IsUUID()
  raidId?: string;

  /** How many dropped: the top N bidders win one each. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  quantity?: number;

  @IsOptional()
  @IsPoints()
  minBid?: string;

  /** Defaults to now + the pool's defaultAuctionSeconds. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  closesAt?: Date;
}

export class PlaceBidDto {
  @IsPoints({ example: '25.00' })
  amount: string;

  /** The character the bid is for (must belong to the bidder). */
  @IsOptional()
  @IsCharacterName({ required: false, message: 'characterName must be a character name' })
  characterName?: string;

  /** Officers and bots bid on someone's behalf by Discord id; members bid as themselves. */
  @IsOptional()
  @Matches(DISCORD_ID, { message: 'discordId must be a Discord snowflake' })
  discordId?: string;
}

export class ListBidSessionsQueryDto {
  @ApiProperty({ enum: BID_SESSION_STATUSES, enumName: 'BidSessionStatus', required: false, default: 'open' })
  @IsOptional()
  @IsIn(BID_SESSION_STATUSES)
  status?: BidSessionStatus;

  @IsOptional()
  @IsUUID()
  poolId?: string;
}

export class MaxBidQueryDto {
  @IsUUID()
  poolId: string;
}

export class AuctionRulesDto {
  @ApiProperty({ enum: AUCTION_MODES, enumName: 'AuctionMode' })
  mode: AuctionMode;
  @ApiProperty({ enum: AUCTION_PRICING, enumName: 'AuctionPricing' })
  pricing: AuctionPricing;
  secondPriceIncrement: string;
  minIncrement: string;
  allowEqualBids: boolean;
  @ApiProperty({ enum: TIE_BREAKS, enumName: 'TieBreak', isArray: true })
  tieBreakOrder: TieBreak[];
  antiSnipeSeconds: number;
}

export class BidDto {
  id: string;
  userId: string;
  characterName: string | null;
  amount: string;
  /** The recorded random roll (1-1000), the last tie-break. */
  roll: number;
  /** Set on winning bids once the session closed. */
  price: string | null;
  createdAt: Date;
}

export class WinnerDto {
  userId: string;
  characterName: string | null;
  bid: string;
  price: string;
  /** Set once awarded. */
  lootId: string | null;
}

export class BidSessionDto {
  id: string;
  itemId: string;
  itemName: string;
  poolId: string;
  raidId: string | null;
  quantity: number;
  minBid: string;
  @ApiProperty({ enum: BID_SESSION_STATUSES, enumName: 'BidSessionStatus' })
  status: BidSessionStatus;
  closesAt: Date;
  closedAt: Date | null;
  awardedAt: Date | null;
  rules: AuctionRulesDto;
  /** Counting bids of other bidders are hidden in sealed auctions until close. */
  leadingAmount: string | null;
  bidCount: number;
  createdAt: Date;
}

export class BidSessionDetailDto extends BidSessionDto {
  /** Every bid the caller may see, newest first. */
  bids: BidDto[];
  winners: WinnerDto[];
}

export class MaxBidDto {
  userId: string;
  poolId: string;
  balance: string;
  /** What the user leads with in open sessions of the pool, plus the prices of their closed, not yet awarded wins there. */
  committed: string;
  /** balance - committed: the most a new bid may be (in a session the user already leads, their bid there is not counted twice). */
  maxBid: string;
}

export class PlaceBidResultDto {
  bid: BidDto;
  session: BidSessionDto;
}
