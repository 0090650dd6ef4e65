import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AuditService } from '../../../../platform/audit/audit.service';
import { AuditQueryDto } from '../../../../platform/audit/dto/audit.dto';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../../platform/database/pg-errors';
import { FilesService, OpenedFile } from '../../../../platform/files/files.service';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { keysetPage, MAX_LIMIT, Page, timeAndId } from '../../../../platform/http/pagination';
import { Problem } from '../../../../platform/http/problem';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { EXPORT_NOT_READY } from '../insights-problems';
import { csvLines } from './csv';
import { BrokerageExportDto } from './dto/export.dto';
import { EXPORT_DATASETS, ORDER_HISTORY_COLUMNS, ORDER_HISTORY_FILE, ORDER_HISTORY_TARGETS } from './export-datasets';
import { toExportDto } from './export.mapper';
import { BrokerageExportRun } from './export-run.entity';
import { exportError, exportFileName } from './export-rules';
import { ExportsRepository } from './exports.repository';
import { ZipEntrySource, zipStream } from './zip';

export const BROKERAGE_EXPORT_QUEUE = 'brokerage.exports';

/** The job's payload: the run, its org and the org's slug (for the file's name). */
export interface ExportJob {
  runId: string;
  orgId: string;
  orgSlug: string;
}

/** What the POST answers: the run, and whether it was queued by this request. */
export interface RequestedExport {
  export: BrokerageExportDto;
  created: boolean;
}

/**
 * Data exports: a run row and its job in one transaction (or the org's run still queued or
 * running, so repeated clicks make one export); the job streams every brokerage table as a CSV,
 * and the order history from the platform's audit log, into a ZIP it stores with the platform's
 * files.
 */
@Injectable()
export class ExportsService implements OnModuleInit {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly exports: ExportsRepository,
    private readonly jobs: JobQueue,
    private readonly files: FilesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.define<ExportJob>({
      queue: BROKERAGE_EXPORT_QUEUE,
      // The run records its own failures; a retry is for a worker that died mid-run.
      retryLimit: 2,
      retryDelaySeconds: 60,
      expireInSeconds: 1800,
      handler: (job) => this.execute(job),
    });
  }

  async request(access: OrgAccess): Promise<RequestedExport> {
    const orgId = access.org.id;
    try {
      return await this.exports.transaction(async (tx) => {
        const active = await this.exports.active(orgId, tx);
        if (active) return this.existing(active, access);
        const run = await this.exports.insert(tx, { orgId, status: 'queued', requestedById: access.userId });
        const job: ExportJob = { runId: run.id, orgId, orgSlug: access.org.slug };
        await this.jobs.enqueue(tx, BROKERAGE_EXPORT_QUEUE, job);
        const dto = toExportDto(run, access.org.slug);
        await this.audit.recordInTransaction(tx, dto);
        return { export: dto, created: true };
      });
    } catch (error) {
      // Another request queued one between our read and insert: answer with that one.
      if (pgCode(error) !== PG_UNIQUE_VIOLATION) throw error;
      const active = await this.exports.active(orgId);
      if (!active) throw error;
      return this.existing(active, access);
    }
  }

  /** The org's run still to finish, answered again: nothing changed, so no audit entry. */
  private existing(run: BrokerageExportRun, access: OrgAccess): RequestedExport {
    this.audit.skipForRequest();
    return { export: toExportDto(run, access.org.slug), created: false };
  }

  async get(access: OrgAccess, id: string): Promise<BrokerageExportDto> {
    return toExportDto(await this.exports.load(access.org.id, id), access.org.slug);
  }

  /** Newest first, keyset-paged. */
  async list(access: OrgAccess, q: CursorPageQueryDto): Promise<Page<BrokerageExportDto>> {
    const rows = await this.exports.page(access.org.id, q);
    return keysetPage(
      rows,
      q.limit,
      (r) => timeAndId(r.createdAt, r.id),
      (r) => toExportDto(r, access.org.slug),
    );
  }

  /** The completed export's ZIP; 409 `export-not-ready` before (or without) one. */
  async download(orgId: string, id: string): Promise<OpenedFile> {
    const run = await this.exports.load(orgId, id);
    if (run.status !== 'completed' || !run.fileId)
      throw Problem.conflict(`The export is ${run.status}; it has no file to download`, EXPORT_NOT_READY, {
        currentState: run.status,
      });
    return this.files.open(orgId, run.fileId);
  }

  /**
   * The job: writes the ZIP and completes the run, or records why it failed. Idempotent: a
   * finished run is left alone; a run found `running` (its worker died) starts over.
   */
  async execute(job: ExportJob): Promise<void> {
    const run = await this.exports.find(job.orgId, job.runId);
    if (!run || run.status === 'completed' || run.status === 'failed') return;
    await this.exports.update(job.orgId, run.id, { status: 'running', startedAt: new Date(), error: null });
    try {
      const counts: Record<string, number> = {};
      const file = await this.files.store(undefined, {
        orgId: job.orgId,
        uploaderId: run.requestedById,
        purpose: 'export',
        bytes: Readable.from(zipStream(this.entries(job.orgId, counts))),
        declaredName: exportFileName(job.orgSlug, run.createdAt),
      });
      await this.exports.update(job.orgId, run.id, {
        status: 'completed',
        fileId: file.id,
        sizeBytes: file.sizeBytes,
        counts,
        finishedAt: new Date(),
      });
    } catch (error) {
      const message = exportError(error);
      this.logger.warn(`Brokerage export ${run.id} failed: ${message}`);
      await this.exports.update(job.orgId, run.id, { status: 'failed', error: message, finishedAt: new Date() });
    }
  }

  /** The archive's files, each streamed from its table when the ZIP reaches it. */
  private async *entries(orgId: string, counts: Record<string, number>): AsyncGenerator<ZipEntrySource> {
    const counter = (file: string) => {
      counts[file] = 0;
      return () => void (counts[file] += 1);
    };
    for (const dataset of EXPORT_DATASETS) {
      const columns = dataset.columns.map(([name]) => name);
      const content = csvLines(columns, this.exports.batches(orgId, dataset), counter(dataset.file));
      yield { name: dataset.file, content };
    }
    const history = csvLines(ORDER_HISTORY_COLUMNS, this.orderHistory(orgId), counter(ORDER_HISTORY_FILE));
    yield { name: ORDER_HISTORY_FILE, content: history };
  }

  /** The audit log's entries of the order records, newest first, a page at a time (the platform's read API). */
  private async *orderHistory(orgId: string) {
    let cursor: string | undefined;
    do {
      const query = Object.assign(new AuditQueryDto(), { limit: MAX_LIMIT, cursor });
      const page = await this.audit.list(orgId, query);
      yield page.items
        .filter((e) => e.targetType !== null && ORDER_HISTORY_TARGETS.includes(e.targetType))
        .map((e) => ({ ...e, createdAt: new Date(e.createdAt) }));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
