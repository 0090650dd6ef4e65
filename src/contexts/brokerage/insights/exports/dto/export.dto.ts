import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_STATUSES, type ExportStatus } from '../export-rules';

/** A data export: a job writes the brokerage's records as CSVs into a ZIP and stores it. */
export class BrokerageExportDto {
  id: string;
  @ApiProperty({ enum: EXPORT_STATUSES, enumName: 'BrokerageExportStatus' })
  status: ExportStatus;
  /** Who asked for it (null for a bot key). */
  requestedById: string | null;
  /** The ZIP in the org's files, once completed. */
  fileId: string | null;
  /** Where an admin downloads the ZIP, once completed. */
  downloadUrl: string | null;
  /** The ZIP's size in bytes, once completed. */
  sizeBytes: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    description: 'Rows written per CSV file (header not counted), once completed',
    example: { 'suppliers.csv': 12, 'purchase-orders.csv': 340 },
  })
  counts: Record<string, number> | null;
  /** Why it failed. */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
