import { BROKERAGE_PATH } from '../../common/brokerage-controller.decorator';
import type { BrokerageExportDto } from './dto/export.dto';
import type { BrokerageExportRun } from './export-run.entity';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** The export's download route for the org `orgSlug`. */
export const exportDownloadPath = (orgSlug: string, id: string) =>
  `/api/v1/${BROKERAGE_PATH.replace(':org', orgSlug)}/exports/${id}/download`;

export function toExportDto(run: BrokerageExportRun, orgSlug: string): BrokerageExportDto {
  const done = run.status === 'completed' && run.fileId !== null;
  return {
    id: run.id,
    status: run.status,
    requestedById: run.requestedById,
    fileId: run.fileId,
    downloadUrl: done ? exportDownloadPath(orgSlug, run.id) : null,
    sizeBytes: run.sizeBytes,
    counts: run.counts,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}
