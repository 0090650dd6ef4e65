import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsDecimalString } from '../../../platform/domain/decimal';
import { WEIGHT_UNITS, type WeightUnit } from './money.dto';

/** A weight: a decimal string with three places and its unit. */
export class WeightDto {
  @IsDecimalString({ scale: 3, integerDigits: 9, example: '40000.000' })
  value: string;

  @ApiProperty({ enum: WEIGHT_UNITS, enumName: 'BrokerageWeightUnit' })
  @IsIn(WEIGHT_UNITS)
  unit: WeightUnit;
}
