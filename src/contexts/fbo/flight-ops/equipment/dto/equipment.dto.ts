import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDecimalString } from '../../../../../platform/domain/decimal';
import { CursorPageQueryDto } from '../../../../../platform/http/page-query.dto';
import { QueryBoolean } from '../../../../../platform/http/query-transforms';
import { IsSafeName, IsSafeText } from '../../../../../platform/http/safe-text';
import { IsNullable } from '../../../../../platform/http/validation';
import { IsLocalDate } from '../../common/local-date';
import { IsFboTags } from '../../common/tags';
import {
  EQUIPMENT_STATUSES,
  EQUIPMENT_TYPES,
  EquipmentStatus,
  EquipmentType,
  MAINTENANCE_KINDS,
  MaintenanceDue,
  MaintenanceKind,
} from '../equipment-rules';

const IsGallons = () => IsDecimalString({ scale: 1, integerDigits: 7, example: '3000.0', description: 'US gallons' });

export class CreateEquipmentDto {
  /** The unit's label, unique in the org (upper-cased). */
  @ApiProperty({ example: 'TUG-01', pattern: '^[A-Z0-9-]{1,32}$' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z0-9-]{1,32}$/, { message: '$property must be 1-32 letters, digits or dashes' })
  equipmentId: string;

  @IsString()
  @MaxLength(100)
  @IsSafeName()
  name: string;

  @ApiProperty({ enum: EQUIPMENT_TYPES, enumName: 'FboEquipmentType' })
  @IsIn(EQUIPMENT_TYPES)
  type: EquipmentType;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  @IsSafeName()
  manufacturer?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(100)
  @IsSafeName()
  model?: string | null;

  @IsOptional()
  @IsNullable()
  @IsString()
  @MaxLength(64)
  @IsSafeName()
  serial?: string | null;

  /** Required for a fuel truck. */
  @IsOptional()
  @IsNullable()
  @IsGallons()
  capacityGallons?: string | null;

  /** When the next maintenance is due, if known. */
  @IsOptional()
  @IsNullable()
  @IsLocalDate({ required: false })
  nextMaintenanceOn?: string | null;

  @IsOptional()
  @IsFboTags()
  tags?: string[];
}

/** The type stays (a tug does not become a fuel truck); the status moves through `status`. */
export class UpdateEquipmentDto extends PartialType(OmitType(CreateEquipmentDto, ['type'] as const)) {}

export class ChangeEquipmentStatusDto {
  @ApiProperty({ enum: EQUIPMENT_STATUSES, enumName: 'FboEquipmentStatus' })
  @IsIn(EQUIPMENT_STATUSES)
  to: EquipmentStatus;
}

export class LogMaintenanceDto {
  @ApiProperty({ enum: MAINTENANCE_KINDS, enumName: 'FboMaintenanceKind' })
  @IsIn(MAINTENANCE_KINDS)
  kind: MaintenanceKind;

  @IsLocalDate({ example: '2026-07-04' })
  performedOn: string;

  /** When the next is due; defaults by kind (daily: next day; annual: a year on; others: none). */
  @IsOptional()
  @IsNullable()
  @IsLocalDate({ required: false })
  nextDueOn?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsSafeText()
  notes?: string;
}

export const MAINTENANCE_FILTERS = ['overdue', 'due_soon'] as const;

export class ListEquipmentQueryDto extends CursorPageQueryDto {
  @ApiProperty({ enum: EQUIPMENT_TYPES, enumName: 'FboEquipmentType', required: false })
  @IsOptional()
  @IsIn(EQUIPMENT_TYPES)
  type?: EquipmentType;

  @ApiProperty({ enum: EQUIPMENT_STATUSES, enumName: 'FboEquipmentStatus', required: false })
  @IsOptional()
  @IsIn(EQUIPMENT_STATUSES)
  status?: EquipmentStatus;

  /** Units past their next maintenance date, or due within 7 days (the org's local today). */
  @ApiProperty({ enum: MAINTENANCE_FILTERS, enumName: 'FboMaintenanceFilter', required: false })
  @IsOptional()
  @IsIn(MAINTENANCE_FILTERS)
  maintenance?: (typeof MAINTENANCE_FILTERS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(32)
  tag?: string;

  /**
   * true: only fuel trucks not inspected in the last 3 months (14 CFR 139.321(d); trucks out of
   * service aside); false: only fuel trucks inspected within them.
   */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  inspectionDue?: boolean;
}

export class EquipmentDto {
  id: string;
  equipmentId: string;
  name: string;
  @ApiProperty({ enum: EQUIPMENT_TYPES, enumName: 'FboEquipmentType' })
  type: EquipmentType;
  @ApiProperty({ type: String, nullable: true })
  manufacturer: string | null;
  @ApiProperty({ type: String, nullable: true })
  model: string | null;
  @ApiProperty({ type: String, nullable: true })
  serial: string | null;
  @ApiProperty({ type: String, nullable: true, example: '3000.0' })
  capacityGallons: string | null;
  @ApiProperty({ enum: EQUIPMENT_STATUSES, enumName: 'FboEquipmentStatus' })
  status: EquipmentStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  lastMaintenanceOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  nextMaintenanceOn: string | null;
  /** Against the org's local today: overdue, due within 7 days, or ok; null without a due date. */
  @ApiProperty({ enum: ['overdue', 'due_soon', 'ok'], enumName: 'FboMaintenanceDue', nullable: true, type: String })
  maintenanceDue: MaintenanceDue | null;
  tags: string[];
  /** A fuel truck's latest fuel-farm inspection (14 CFR 139.321(d)); null when never inspected. */
  @ApiProperty({ type: Date, nullable: true })
  lastInspectedAt: Date | null;
  /** A fuel truck not inspected in the last 3 months (never while out of service); null for other units. */
  @ApiProperty({ type: Boolean, nullable: true })
  inspectionDue: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

export class EquipmentMaintenanceDto {
  id: string;
  equipmentId: string;
  @ApiProperty({ enum: MAINTENANCE_KINDS, enumName: 'FboMaintenanceKind' })
  kind: MaintenanceKind;
  @ApiProperty({ type: String, format: 'date' })
  performedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  nextDueOn: string | null;
  notes: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  performedByUserId: string | null;
  createdAt: Date;
}
