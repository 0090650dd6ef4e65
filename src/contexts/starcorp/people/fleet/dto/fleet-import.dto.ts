import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsUUID } from 'class-validator';
import { FLEET_STATUSES, type FleetStatus } from '../fleet-rules';
import { HANGAR_IMPORT_FORMATS, type HangarImportFormat, MAX_HANGAR_ENTRIES } from '../fleet-import';
import { FleetShipModelDto } from './fleet.dto';

export class ImportHangarDto {
  /** `array`: `[ {name, ...} ]`; `object`: `{ ships: [ {name, ...} ] }`; `auto` (default): by the JSON's shape. */
  @ApiProperty({
    enum: HANGAR_IMPORT_FORMATS,
    enumName: 'StarcorpHangarImportFormat',
    required: false,
    default: 'auto',
  })
  @IsOptional()
  @IsIn(HANGAR_IMPORT_FORMATS)
  format?: HangarImportFormat;

  /** The HangarXPLOR export as it was downloaded (at most 1,000 entries). */
  @ApiProperty({
    description: `A HangarXPLOR export: an array of entries or { ships: [...] }; at most ${MAX_HANGAR_ENTRIES} entries.`,
    oneOf: [{ type: 'array', items: { type: 'object' } }, { type: 'object' }],
  })
  @IsDefined()
  data: unknown;

  /** true: match and report only, write nothing (no Idempotency-Key needed). */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  /** Whose hangar it is; the caller when omitted. Only officers import for another member. */
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

export class ImportedHullDto {
  /** The new hull, or null in a dry run. */
  @ApiProperty({ type: String, nullable: true })
  fleetShipId: string | null;
  /** The entry's position in the export. */
  index: number;
  /** The entry's name as exported. */
  entryName: string;
  ship: FleetShipModelDto;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  @ApiProperty({ enum: FLEET_STATUSES, enumName: 'StarcorpFleetStatus' })
  status: FleetStatus;
  @ApiProperty({ type: String, nullable: true })
  insurance: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2019-03-12' })
  purchasedDate: string | null;
}

export class HangarImportResultDto {
  ownerUserId: string;
  /** One hull per matched ship entry, in export order. */
  created: ImportedHullDto[];
  /** Ship entries matching no catalog ship (or a retired one), each name once. */
  unknown: string[];
  /** Entries that are not ships (skins, items, decorations). */
  skipped: number;
  dryRun: boolean;
}
