import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { AppConfig } from '../../../platform/config/app-config';
import { PG_UNIQUE_VIOLATION, pgCode } from '../../../platform/database/pg-errors';
import { findInOrg } from '../../../platform/database/org-scoped';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { JobQueue } from '../../../platform/jobs/job-queue';
import { openData, SealedData, sealData } from '../../../platform/security/sealed-data';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { EqdkpImportRunDto, StartEqdkpImportDto, toImportRunDto } from './dto/import-run.dto';
import { EqdkpImporter } from './eqdkp-importer';
import { DKP_IMPORT_RUNNING } from './import-problems';
import { DkpImportRun } from './import-run.entity';
import {
  connectionErrors,
  connectionOf,
  type ImportJobOptions,
  type ImportJobSecrets,
  redactedError,
} from './import-run-rules';
import { parsePoolNames } from './report-format';

export const EQDKP_IMPORT_QUEUE = 'dkp.eqdkp-import';

/** Data sealed for this purpose opens only as an import job's (see sealed-data). */
const SEALED_PURPOSE = 'quartermaster dkp import job v1';

/** The job's payload: the run, the options, and the connection sealed. */
interface ImportJob {
  runId: string;
  orgId: string;
  options: ImportJobOptions;
  sealed: SealedData;
}

/**
 * EQdkp imports through the API: a run row plus a job on the platform queue, in one transaction;
 * the job runs the CLI's importer (`EqdkpImporter`) on the run's org and writes its progress per
 * committed step and its report. A failed run can be started again: the import resumes after
 * the steps that committed.
 */
@Injectable()
export class ImportRunsService implements OnModuleInit {
  private readonly logger = new Logger(ImportRunsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.jobs.define<ImportJob>({
      queue: EQDKP_IMPORT_QUEUE,
      // A retry after a crash resumes the import; errors the run records itself are not retried.
      retryLimit: 2,
      retryDelaySeconds: 60,
      expireInSeconds: 3600,
      handler: (job) => this.execute(job),
    });
  }

  async start(access: OrgAccess, dto: StartEqdkpImportDto): Promise<EqdkpImportRunDto> {
    const errors = connectionErrors(dto);
    if (errors.length) throw Problem.validation(errors);
    const { mysqlUrl, password } = connectionOf(dto);
    const secrets: ImportJobSecrets = { mysqlUrl, password, encryptionKey: dto.encryptionKey ?? null };
    const options: ImportJobOptions = { prefix: dto.prefix, dryRun: dto.dryRun ?? false, pools: dto.pools ?? null };
    try {
      return await this.db.transaction(async (tx) => {
        const run = await tx.save(
          DkpImportRun,
          tx.create(DkpImportRun, {
            orgId: access.org.id,
            status: 'queued',
            dryRun: options.dryRun,
            prefix: options.prefix,
            progress: {},
            requestedByUserId: access.userId,
          }),
        );
        const job: ImportJob = { runId: run.id, orgId: access.org.id, options, sealed: this.seal(secrets) };
        await this.jobs.enqueue(tx, EQDKP_IMPORT_QUEUE, job);
        const dto = toImportRunDto(run);
        await this.audit.recordInTransaction(tx, dto);
        return dto;
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        throw Problem.conflict('An import into this org is already queued or running', DKP_IMPORT_RUNNING);
      }
      throw error;
    }
  }

  async get(orgId: string, id: string): Promise<EqdkpImportRunDto> {
    return toImportRunDto(await findInOrg(this.db.manager, DkpImportRun, orgId, id, 'Import'));
  }

  /** Newest first, keyset-paged. */
  async list(orgId: string, q: CursorPageQueryDto): Promise<Page<EqdkpImportRunDto>> {
    const qb = this.db.manager.createQueryBuilder(DkpImportRun, 'r').where('r.org_id = :orgId', { orgId });
    const rows = await newestFirst(qb, 'r.created_at', 'r.id', q).getMany();
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), toImportRunDto);
  }

  /**
   * The job: runs the import on the run's org, progress written after each committed step.
   * Idempotent: a finished run is left alone; a run found `running` (the worker died) resumes.
   */
  async execute(job: ImportJob): Promise<void> {
    const run = await this.db.manager.findOne(DkpImportRun, { where: { id: job.runId, orgId: job.orgId } });
    if (!run || run.status === 'succeeded' || run.status === 'failed') return;
    let secrets: Partial<ImportJobSecrets> = {};
    try {
      secrets = openData<ImportJobSecrets>(this.config.jwtSecret, job.sealed, SEALED_PURPOSE);
      const [org] = await this.db.query('SELECT slug FROM orgs WHERE id = $1', [job.orgId]);
      if (!org) throw new Error('The org no longer exists');
      const progress = { read: {} as Record<string, number>, steps: { ...(run.progress.steps ?? {}) } };
      await this.update(run.id, { status: 'running', startedAt: run.startedAt ?? new Date(), error: null });
      const report = await EqdkpImporter.fromApp(this.moduleRef).run({
        mysqlUrl: secrets.mysqlUrl!,
        prefix: job.options.prefix,
        org: org.slug,
        dryRun: job.options.dryRun,
        encryptionKey: secrets.encryptionKey ?? undefined,
        poolNames: parsePoolNames(job.options.pools ?? undefined),
        actorUserId: run.requestedByUserId,
        progress: (table, rows) => {
          if (!table.includes(' ')) progress.read[table] = rows;
        },
        afterStep: async (step, rows) => {
          progress.steps[step] = rows;
          await this.update(run.id, { progress });
        },
      });
      const { ids: _ids, ...kept } = report;
      await this.update(run.id, { status: 'succeeded', progress, report: kept, finishedAt: new Date() });
    } catch (error) {
      const message = redactedError((error as Error).message ?? String(error), secrets);
      this.logger.warn(`EQdkp import ${run.id} failed: ${message}`);
      await this.update(run.id, { status: 'failed', error: message, finishedAt: new Date() });
    }
  }

  private seal(secrets: ImportJobSecrets): SealedData {
    return sealData(this.config.jwtSecret, secrets, SEALED_PURPOSE);
  }

  private async update(id: string, changes: Partial<DkpImportRun>): Promise<void> {
    await this.db.manager.update(DkpImportRun, { id }, changes as never);
  }
}
