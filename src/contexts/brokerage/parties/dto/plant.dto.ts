import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsNullable } from '../../../../platform/http/validation';
import { PLANT_TYPES, type PlantType } from '../../common/choices';
import { WeightDto } from '../../common/weight.dto';
import { ListPartiesQueryDto, PartyBaseDto, PartyFieldsDto } from './party.dto';

const ESTABLISHMENT = /^[A-Za-z0-9][A-Za-z0-9 +-]{0,31}$/;

export class CreatePlantDto extends PartyFieldsDto {
  @ApiProperty({ enum: PLANT_TYPES, enumName: 'BrokeragePlantType' })
  @IsIn(PLANT_TYPES)
  type: PlantType;

  /** The USDA establishment number (e.g. `M1234+P1234`). */
  @ApiProperty({ required: false, nullable: true, type: String, example: 'M969+P969', pattern: ESTABLISHMENT.source })
  @IsOptional()
  @IsNullable()
  @Matches(ESTABLISHMENT, { message: '$property must be an establishment number such as M969+P969' })
  usdaEstablishmentNumber?: string | null;

  /** What the plant handles per day. */
  @IsOptional()
  @IsNullable()
  @ValidateNested()
  @Type(() => WeightDto)
  capacity?: WeightDto | null;
}

export class UpdatePlantDto extends PartialType(CreatePlantDto) {}

export class PlantDto extends PartyBaseDto {
  @ApiProperty({ enum: PLANT_TYPES, enumName: 'BrokeragePlantType' })
  type: PlantType;
  usdaEstablishmentNumber: string | null;
  capacity: WeightDto | null;
}

export class ListPlantsQueryDto extends ListPartiesQueryDto {
  @ApiProperty({ required: false, enum: PLANT_TYPES, enumName: 'BrokeragePlantType' })
  @IsOptional()
  @IsIn(PLANT_TYPES)
  type?: PlantType;
}
