import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsPoints } from '../../common/points';
import { ATTENDANCE_WINDOW_STARTS, type AttendanceWindowStart } from '../../points/attendance-window';
import {
  AUCTION_MODES,
  AUCTION_PRICING,
  TIE_BREAKS,
  type AuctionMode,
  type AuctionPricing,
  type TieBreak,
} from '../pool.entity';

const FRACTION = /^(0(\.\d{1,2})?|1(\.0{1,2})?)$/;
const PERCENT = /^(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$/;

export class CreatePoolDto {
  @ApiProperty({ example: 'Velious' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name: string;

  @ApiProperty({ example: 'Scars of Velious raid targets', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** Share of the raid value a late arrival earns, "0.00"-"1.00" (default "0.50"). */
  @IsOptional()
  @Matches(FRACTION, { message: 'lateAwardFraction must be a decimal from 0 to 1' })
  lateAwardFraction?: string;

  /** Share of the raid value someone who left early earns (default "0.50"). */
  @IsOptional()
  @Matches(FRACTION, { message: 'leftEarlyAwardFraction must be a decimal from 0 to 1' })
  leftEarlyAwardFraction?: string;

  /** Percent of each positive balance removed per period, "0"-"100"; "0" turns decay off. */
  @IsOptional()
  @Matches(PERCENT, { message: 'decayPercent must be a decimal from 0 to 100' })
  decayPercent?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  decayPeriodDays?: number;

  /** `sealed` hides bids from other bidders until the session closes. */
  @ApiProperty({ enum: AUCTION_MODES, enumName: 'AuctionMode', required: false })
  @IsOptional()
  @IsIn(AUCTION_MODES)
  auctionMode?: AuctionMode;

  @ApiProperty({ enum: AUCTION_PRICING, enumName: 'AuctionPricing', required: false })
  @IsOptional()
  @IsIn(AUCTION_PRICING)
  auctionPricing?: AuctionPricing;

  @IsOptional()
  @IsPoints()
  secondPriceIncrement?: string;

  @IsOptional()
  @IsPoints()
  minIncrement?: string;

  @IsOptional()
  @IsBoolean()
  allowEqualBids?: boolean;

  /** Order of tie-breaks between equal bids; a recorded random roll settles the rest. */
  @ApiProperty({ enum: TIE_BREAKS, enumName: 'TieBreak', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(TIE_BREAKS, { each: true })
  tieBreakOrder?: TieBreak[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  antiSnipeSeconds?: number;

  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(86400)
  defaultAuctionSeconds?: number;

  /**
   * Where attendance windows start for each member: their first raid in the pool (default) or
   * the start of their membership. Raids held before it do not lower their rates.
   */
  @ApiProperty({ enum: ATTENDANCE_WINDOW_STARTS, enumName: 'AttendanceWindowStart', required: false })
  @IsOptional()
  @IsIn(ATTENDANCE_WINDOW_STARTS)
  attendanceWindowStart?: AttendanceWindowStart;
}

export class UpdatePoolDto extends PartialType(CreatePoolDto) {}

export class PoolDto {
  id: string;
  name: string;
  description: string;
  lateAwardFraction: string;
  leftEarlyAwardFraction: string;
  decayPercent: string;
  decayPeriodDays: number;
  @ApiProperty({ enum: AUCTION_MODES, enumName: 'AuctionMode' })
  auctionMode: AuctionMode;
  @ApiProperty({ enum: AUCTION_PRICING, enumName: 'AuctionPricing' })
  auctionPricing: AuctionPricing;
  secondPriceIncrement: string;
  minIncrement: string;
  allowEqualBids: boolean;
  @ApiProperty({ enum: TIE_BREAKS, enumName: 'TieBreak', isArray: true })
  tieBreakOrder: TieBreak[];
  antiSnipeSeconds: number;
  defaultAuctionSeconds: number;
  @ApiProperty({ enum: ATTENDANCE_WINDOW_STARTS, enumName: 'AttendanceWindowStart' })
  attendanceWindowStart: AttendanceWindowStart;
}
