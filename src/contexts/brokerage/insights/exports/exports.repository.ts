import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { BrokerageRepository } from '../../common/brokerage-repository';
import type { CsvValue } from './csv';
import type { ExportDataset } from './export-datasets';
import { ACTIVE_EXPORT_STATUSES } from './export-rules';
import { BrokerageExportRun } from './export-run.entity';

/** Rows read per query while an export streams a table. */
export const EXPORT_BATCH_ROWS = 500;

type ExportRow = Record<string, CsvValue> & { _at: Date; _id: string };

/** The SQL of export runs, and the batched reads of the tables an export writes. */
@Injectable()
export class ExportsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The org's queued or running run, if any. */
  active(orgId: string, tx?: EntityManager): Promise<BrokerageExportRun | null> {
    return this.managerOf(tx).findOne(BrokerageExportRun, {
      where: { orgId, status: In([...ACTIVE_EXPORT_STATUSES]) },
    });
  }

  insert(tx: EntityManager, run: Partial<BrokerageExportRun>): Promise<BrokerageExportRun> {
    return tx.save(BrokerageExportRun, tx.create(BrokerageExportRun, run));
  }

  load(orgId: string, id: string): Promise<BrokerageExportRun> {
    return findInOrg(this.db.manager, BrokerageExportRun, orgId, id, 'Export');
  }

  /** The run a job works on (null once it is gone). */
  find(orgId: string, id: string): Promise<BrokerageExportRun | null> {
    return this.db.manager.findOne(BrokerageExportRun, { where: { id, orgId } });
  }

  /** One keyset page, newest first, plus one row. */
  page(orgId: string, page: { limit: number; cursor?: string }): Promise<BrokerageExportRun[]> {
    const qb = this.db.manager.createQueryBuilder(BrokerageExportRun, 'r').where('r.org_id = :orgId', { orgId });
    return newestFirst(qb, 'r.created_at', 'r.id', page).getMany();
  }

  async update(orgId: string, id: string, changes: Partial<BrokerageExportRun>): Promise<void> {
    await this.db.manager.update(BrokerageExportRun, { id, orgId }, changes as never);
  }

  /**
   * The org's rows of a dataset in creation order, a batch at a time (keyset on the creation time
   * and id), so a large table never sits in memory whole.
   */
  async *batches(orgId: string, dataset: ExportDataset): AsyncGenerator<ExportRow[]> {
    const select = dataset.columns.map(([name, sql]) => `${sql} AS "${name}"`).join(', ');
    const where = dataset.where ? `AND ${dataset.where}` : '';
    const sql = `SELECT ${select}, t.created_at AS "_at", t.id AS "_id"
                   FROM ${dataset.table} t ${dataset.joins ?? ''}
                  WHERE t.org_id = $1 ${where}
                    AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2::timestamptz, $3::uuid))
                  ORDER BY t.created_at, t.id
                  LIMIT ${EXPORT_BATCH_ROWS}`;
    let after: [Date | null, string | null] = [null, null];
    for (;;) {
      const rows: ExportRow[] = await this.db.query(sql, [orgId, ...after]);
      if (rows.length) yield rows;
      if (rows.length < EXPORT_BATCH_ROWS) return;
      const last = rows[rows.length - 1];
      after = [last._at, last._id];
    }
  }
}
