import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, OffsetPageQueryDto } from '../../../../platform/http/page-query.dto';
import { IsPoints } from '../../common/points';
import { LEDGER_BUCKETS, LEDGER_KINDS, type LedgerBucket, type LedgerKind } from '../ledger-entry.entity';

/** At least one non-space character: a reason of only whitespace explains nothing. */
const NOT_BLANK = /\S/;

/**
 * Raids attended / raids held in the pool, in percent with one decimal. Each window starts at the
 * later of its own start and the user's record start in the pool (their first raid there, or
 * their membership start when the pool's `attendanceWindowStart` is `membership`).
 */
export class AttendanceRatesDto {
  days30: number;
  days60: number;
  days90: number;
  /** Since the user's record start in this pool. */
  lifetime: number;
  raidsAttended30: number;
  raidsHeld30: number;
}

export class PoolBalanceDto {
  poolId: string;
  poolName: string;
  earned: string;
  spent: string;
  adjusted: string;
  decayed: string;
  /** earned - spent + adjusted - decayed */
  balance: string;
}

export class PoolPointsDto extends PoolBalanceDto {
  attendance: AttendanceRatesDto;
}

/** Balances only: one indexed row per pool, what the bot asks before every bid. */
export class UserBalanceDto {
  userId: string;
  username: string;
  discordId: string | null;
  pools: PoolBalanceDto[];
}

export class UserPointsDto extends UserBalanceDto {
  declare pools: PoolPointsDto[];
}

export class PointHistoryQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiProperty({ enum: LEDGER_KINDS, enumName: 'LedgerKind', required: false })
  @IsOptional()
  @IsIn(LEDGER_KINDS)
  kind?: LedgerKind;
}

export class LedgerEntryDto {
  id: string;
  poolId: string;
  userId: string;
  @ApiProperty({ enum: LEDGER_KINDS, enumName: 'LedgerKind' })
  kind: LedgerKind;
  @ApiProperty({ enum: LEDGER_BUCKETS, enumName: 'LedgerBucket' })
  bucket: LedgerBucket;
  /** Signed effect on the balance. */
  amount: string;
  characterName: string | null;
  reason: string;
  actorUserId: string | null;
  source: string;
  raidId: string | null;
  lootId: string | null;
  correctsId: string | null;
  createdAt: Date;
}

export class LeaderboardQueryDto extends OffsetPageQueryDto {}

export class LeaderboardEntryDto {
  /** 1 + the number of greater balances in the pool: equal balances share a rank. */
  rank: number;
  userId: string;
  @ApiProperty({ example: 'arlorwyn' })
  username: string;
  /** The user's main character, if any. */
  mainCharacterName: string | null;
  earned: string;
  spent: string;
  adjusted: string;
  decayed: string;
  /** earned - spent + adjusted - decayed */
  balance: string;
  /** 30-day attendance in percent with one decimal, as `AttendanceRatesDto.days30`. */
  attendance30: number;
}

export class CreateAdjustmentDto {
  @IsUUID()
  userId: string;

  @IsUUID()
  poolId: string;

  @IsPoints({
    description: 'Signed: positive adds points, negative removes them; never zero',
    example: '-5.00',
    signed: true,
    nonZero: true,
  })
  amount: string;

  @ApiProperty({ example: 'Late for the Tormax pull' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;

  /** Character the adjustment concerns, kept as a name snapshot. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  characterName?: string;
}

export class BulkAdjustmentEntryDto {
  @IsUUID()
  userId: string;

  @IsPoints({ description: 'Signed, never zero', example: '5.00', signed: true, nonZero: true })
  amount: string;
}

export class BulkAdjustmentDto {
  @IsUUID()
  poolId: string;

  @ApiProperty({ example: 'Server downtime compensation' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BulkAdjustmentEntryDto)
  entries: BulkAdjustmentEntryDto[];
}

export class AdjustmentsQueryDto extends CursorPageQueryDto {
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsUUID()
  poolId?: string;
}

export class BalanceQueryDto {
  /** Limit to one pool; omit for every pool. */
  @IsOptional()
  @IsUUID()
  poolId?: string;
}
