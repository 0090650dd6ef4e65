import { PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const FRACTION = /^(0(\.\d{1,2})?|1(\.0{1,2})?)$/;
const PERCENT = /^(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$/;

export class CreatePoolDto {
  @IsString() @IsNotEmpty() @MaxLength(64)
  name: string;

  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;

  /** Share of the raid value a late arrival earns, "0.00"-"1.00" (default "0.50"). */
  @IsOptional() @Matches(FRACTION, { message: 'lateAwardFraction must be a decimal from 0 to 1' })
  lateAwardFraction?: string;

  /** Share of the raid value someone who left early earns (default "0.50"). */
  @IsOptional() @Matches(FRACTION, { message: 'leftEarlyAwardFraction must be a decimal from 0 to 1' })
  leftEarlyAwardFraction?: string;

  /** Percent of each positive balance removed per period, "0"-"100"; "0" turns decay off. */
  @IsOptional() @Matches(PERCENT, { message: 'decayPercent must be a decimal from 0 to 100' })
  decayPercent?: string;

  @IsOptional() @IsInt() @Min(1) @Max(365)
  decayPeriodDays?: number;
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
}
