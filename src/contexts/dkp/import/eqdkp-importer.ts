import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import type { DataSource, EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { OrgsService } from '../../../platform/tenancy/orgs/orgs.service';
import type { BulkIds, Key } from '../bulk/bulk-guild';
import { DkpBulkLoader } from '../bulk/dkp-bulk-loader';
import { attendanceRows } from '../bulk/bulk-rows';
import { BulkRow, DkpBulkRepository } from '../bulk/dkp-bulk.repository';
import { LedgerService } from '../points/ledger.service';
import { applyUserDetails, separateAccounts, writeMappings } from './eqdkp-accounts';
import { type EqdkpMapping, type ExtraLedger, mapEqdkp } from './eqdkp-mapping';
import { attendeePages, connectEqdkp, readEqdkp } from './eqdkp-source';
import { balanceDifferences } from './import-check';
import { type ImportReport, ImportTally } from './import-report';

/** Ledger `source` of every imported row; also how a second run recognizes an imported org. */
export const EQDKP_SOURCE = 'eqdkp-import';

export interface EqdkpImportOptions {
  mysqlUrl: string;
  prefix: string;
  org: string;
  orgName?: string;
  dryRun?: boolean;
  encryptionKey?: string;
  poolNames?: Map<string, string>;
  /** One line per step (per table read, per load step). */
  progress?: (table: string, rows: number) => void;
}

/** One run's shared state while it writes. */
interface WriteRun {
  options: EqdkpImportOptions;
  mapping: EqdkpMapping;
  report: ImportReport;
  tally: ImportTally;
  /** The source connection, still open: attendee rows are read page by page while writing. */
  conn: Connection;
  progress: (step: string, rows: number) => void;
}

/** Rolls the dry run's transaction back after a complete, checked import. */
class DryRunDone extends Error {}

/**
 * Imports an EQdkp Plus database into an org: reads every table, maps the rows (pure modules),
 * loads them with the DKP bulk loader in ONE transaction with the extra ledger entries, rebuilds
 * balances and compares them with EQdkp's own figures (any difference rolls everything back).
 * A run that dies half-way therefore leaves nothing; a second run on an imported org does
 * nothing ("nothing to do"). `--dry-run` does the whole import and rolls it back.
 */
export class EqdkpImporter {
  constructor(
    private readonly db: DataSource,
    private readonly loader: DkpBulkLoader,
    private readonly bulk: DkpBulkRepository,
    private readonly ledger: LedgerService,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
  ) {}

  static fromApp(app: INestApplicationContext): EqdkpImporter {
    const get = <T>(token: unknown) => app.get<T>(token as never, { strict: false });
    return new EqdkpImporter(
      get<DataSource>(getDataSourceToken()),
      get<DkpBulkLoader>(DkpBulkLoader),
      get<DkpBulkRepository>(DkpBulkRepository),
      get<LedgerService>(LedgerService),
      get<OrgsService>(OrgsService),
      get<UsersService>(UsersService),
    );
  }

  async run(options: EqdkpImportOptions): Promise<ImportReport> {
    const started = Date.now();
    const conn = await connectEqdkp(options.mysqlUrl);
    try {
      const data = await readEqdkp(conn, options.prefix, options.progress);
      const tally = new ImportTally(data.counts);
      const mapping = mapEqdkp(data, options, tally);
      const report: ImportReport = {
        org: options.org,
        prefix: options.prefix,
        status: options.dryRun ? 'dry-run' : 'imported',
        tables: tally.tables,
        merges: tally.merges,
        skips: tally.skips,
        renames: tally.renames,
        notes: tally.notes,
        check: { balancesCompared: 0, differences: [] },
        ms: 0,
      };
      const run: WriteRun = { options, mapping, report, tally, conn, progress: options.progress ?? (() => {}) };
      try {
        await this.db.transaction((tx) => this.write(tx, run));
      } catch (error) {
        if (!(error instanceof DryRunDone)) throw error;
      }
      report.ms = Date.now() - started;
      return report;
    } finally {
      await conn.end();
    }
  }

  /**
   * The whole import in one transaction: org, accounts, the bulk load (everything but attendance),
   * attendance page by page, details, mappings, extra entries, then balances rebuilt and compared.
   */
  private async write(tx: EntityManager, run: WriteRun): Promise<void> {
    const { options, mapping, report, progress } = run;
    const name = options.orgName ?? options.org;
    const org = await this.orgs.ensureOrg(tx, { slug: options.org, name, contexts: ['dkp'] });
    if (await this.alreadyImported(tx, org.id)) {
      report.status = 'nothing-to-do';
      report.notes.unshift(`org ${options.org} already holds this import: nothing to do`);
      throw new DryRunDone();
    }
    const created = await separateAccounts(tx, org.id, EQDKP_SOURCE, mapping.guild.users, report);
    const result = await this.loader.load(org.id, mapping.guild, { tx, source: EQDKP_SOURCE });
    progress(
      'loaded',
      Object.values(result.counts).reduce((a, b) => a + b, 0),
    );
    await this.loadAttendance(tx, org.id, run, result.ids);
    const unbalanced = run.tally.unbalanced();
    if (unbalanced.length) throw new Error(`Row accounting does not add up:\n  ${unbalanced.join('\n  ')}`);
    await applyUserDetails(tx, this.users, mapping.people, created, result.ids, report);
    await setGameItemIds(tx, mapping.gameIds, result.ids);
    progress('import mappings', await writeMappings(tx, org.id, EQDKP_SOURCE, result.ids));
    await this.bulk.insertRows(tx, 'dkp_ledger', extraRows(org.id, mapping.extras, result.ids), 5000);
    progress('extra ledger entries', mapping.extras.length);
    await this.ledger.rebuildBalances(tx, org.id);
    const stored = await this.bulk.balances(tx, org.id);
    const differences = balanceDifferences(stored, mapping, result.ids);
    report.check = { balancesCompared: mapping.expected.length, differences };
    report.ids = idMaps(result.ids);
    progress('balances checked', mapping.expected.length);
    if (differences.length) {
      throw new Error(
        `Imported balances differ from EQdkp's (${differences.length}):\n  ${differences.slice(0, 20).join('\n  ')}`,
      );
    }
    if (options.dryRun) throw new DryRunDone();
  }

  /** Attendee rows page by page (whole raids each): attendance and its ledger credits. */
  private async loadAttendance(tx: EntityManager, orgId: string, run: WriteRun, ids: BulkIds): Promise<void> {
    const scope = { orgId, ids, actorUserId: null, source: EQDKP_SOURCE };
    let rows = 0;
    for await (const page of attendeePages(run.conn, run.options.prefix)) {
      const rowsOf = attendanceRows(scope, run.mapping.attendancePage(page), run.mapping.guild.raids);
      await this.bulk.insertRows(tx, 'dkp_attendance', rowsOf.attendance, 5000);
      await this.bulk.insertRows(tx, 'dkp_ledger', rowsOf.ledger, 5000);
      rows += page.length;
      run.progress('raid_attendees (loaded)', rows);
    }
  }

  /** True when the org holds rows of an earlier import; other DKP data makes the import refuse. */
  private async alreadyImported(tx: EntityManager, orgId: string): Promise<boolean> {
    const [imported] = await tx.query('SELECT 1 FROM dkp_ledger WHERE org_id = $1 AND source = $2 LIMIT 1', [
      orgId,
      EQDKP_SOURCE,
    ]);
    if (imported) return true;
    const [pool] = await tx.query('SELECT 1 FROM dkp_pools WHERE org_id = $1 LIMIT 1', [orgId]);
    if (pool) throw new Error('The org already holds DKP data (not from an EQdkp import): import into a new org');
    return false;
  }
}

/** The game ids seen under each catalog item name (several are kept comma-separated). */
async function setGameItemIds(tx: EntityManager, gameIds: Map<Key, Set<string>>, ids: BulkIds): Promise<void> {
  const itemIds: string[] = [];
  const values: string[] = [];
  for (const [key, set] of gameIds) {
    const id = ids.items.get(key);
    if (!id || !set.size) continue;
    itemIds.push(id);
    values.push([...set].sort().join(',').slice(0, 200));
  }
  if (!itemIds.length) return;
  await tx.query(
    `UPDATE dkp_items SET game_item_id = d.game_id
       FROM unnest($1::uuid[], $2::varchar[]) AS d(id, game_id) WHERE dkp_items.id = d.id`,
    [itemIds, values],
  );
}

function extraRows(orgId: string, extras: ExtraLedger[], ids: BulkIds): BulkRow<'dkp_ledger'>[] {
  const id = (map: Map<Key, string>, key: Key | null) => (key == null ? null : (map.get(key) ?? null));
  return extras.map((extra) => ({
    id: randomUUID(),
    org_id: orgId,
    pool_id: id(ids.pools, extra.poolKey),
    user_id: id(ids.users, extra.userKey),
    kind: extra.kind,
    bucket: extra.bucket,
    amount: extra.amount,
    character_name: extra.characterName,
    reason: extra.reason.slice(0, 500),
    actor_user_id: null,
    source: EQDKP_SOURCE,
    raid_id: id(ids.raids, extra.raidKey),
    loot_id: id(ids.loot, extra.lootKey),
    created_at: extra.createdAt.toISOString(),
  }));
}

/** Source key -> new ids, per kind (a raid or event in two pools has two). */
function idMaps(ids: BulkIds): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [kind, map] of Object.entries(ids) as [string, Map<Key, string>][]) {
    const byKey: Record<string, string[]> = {};
    for (const [key, id] of map) (byKey[String(key)] ??= []).push(id);
    out[kind] = byKey;
  }
  return out;
}
