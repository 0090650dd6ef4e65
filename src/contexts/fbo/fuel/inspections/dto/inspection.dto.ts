import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsIn,
  IsOptional,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { INSPECTION_RESULTS, type InspectionResult } from '../inspection.entity';

export class ChecklistResultDto {
  /** The checklist item, e.g. `Bonding cable intact`. */
  @ApiProperty({ example: 'Bonding cable intact' })
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(200)
  item: string;

  @ApiProperty({ enum: INSPECTION_RESULTS, enumName: 'FboInspectionResult' })
  @IsIn(INSPECTION_RESULTS)
  result: InspectionResult;

  @IsOptional()
  @IsSafeText()
  @MaxLength(2000)
  findings?: string;
}

export class CreateFuelInspectionDto {
  @ApiProperty({ type: [ChecklistResultDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistResultDto)
  checklist: ChecklistResultDto[];

  /** Overall findings and corrective actions. */
  @IsOptional()
  @IsSafeText()
  @MaxLength(5000)
  findings?: string;

  /** The inspector, a member of the org; the caller when omitted (a bot key must name one). */
  @IsOptional()
  @IsUUID()
  inspectorId?: string;

  /** When the inspection was made; now when omitted. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  inspectedAt?: Date;
}

export class FuelInspectionDto {
  id: string;
  /** The tank inspected; null for a truck inspection. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  fuelTankId: string | null;
  /** The fuel truck inspected; null for a tank inspection. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  truckId: string | null;
  /** `fail` when any checklist item failed. */
  @ApiProperty({ enum: INSPECTION_RESULTS, enumName: 'FboInspectionResult' })
  result: InspectionResult;
  @ApiProperty({ type: [ChecklistResultDto] })
  checklist: ChecklistResultDto[];
  findings: string;
  inspectorId: string;
  inspectedAt: Date;
}

export class ListFuelInspectionsQueryDto extends CursorPageQueryDto {}
