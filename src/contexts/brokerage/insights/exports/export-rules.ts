export const EXPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Statuses of a run still to finish: at most one per org (a second request answers with it). */
export const ACTIVE_EXPORT_STATUSES: readonly ExportStatus[] = ['queued', 'running'];

export const isActiveExport = (status: ExportStatus): boolean => ACTIVE_EXPORT_STATUSES.includes(status);

/** The archive's file name: the org and the UTC day it was made, e.g. `prime-meats-export-2026-11-30.zip`. */
export function exportFileName(orgSlug: string, at: Date): string {
  return `${orgSlug}-export-${at.toISOString().slice(0, 10)}.zip`;
}

/** Longest error message kept on a failed run (the column's length). */
export const EXPORT_ERROR_LENGTH = 2000;

export function exportError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message || 'Export failed').slice(0, EXPORT_ERROR_LENGTH);
}
