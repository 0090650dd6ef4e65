import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import type { DataSource, EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import { OrgsService } from '../../../platform/tenancy/orgs/orgs.service';
import type { BulkIds, Key } from '../bulk/bulk-guild';
import {
  adjustmentLedgerRows,
  assignIds,
  attendanceRows,
  characterRows,
  eventRows,
  itemRows,
  joinDates,
  lootRows,
  ownershipRows,
  poolRows,
  raidRows,
  rankRows,
  type RowScope,
} from '../bulk/bulk-rows';
import { BulkRow, BulkTable, DkpBulkRepository } from '../bulk/dkp-bulk.repository';
import { LedgerService } from '../points/ledger.service';
import { applyUserDetails, separateAccounts } from './eqdkp-accounts';
import { type EqdkpMapping, type ExtraLedger, mapEqdkp } from './eqdkp-mapping';
import { attendeePages, connectEqdkp, type EqAttendee, readEqdkp } from './eqdkp-source';
import { balanceDifferences } from './import-check';
import { type ImportState, readImportState, reuseKnownIds, storedKey, writeStepMappings } from './import-mappings';
import { type ImportReport, ImportTally } from './import-report';

/** Ledger `source` of every imported row, and the `source` of its mapping rows. */
export const EQDKP_SOURCE = 'eqdkp-import';

/** The last step: balances rebuilt and compared; its marker means the org holds the whole import. */
export const COMPLETE_STEP = 'complete';

/** Why the memberships an import creates were created (their `platform.member.joined` events). */
const MEMBERSHIP_REASON = 'dkp.eqdkp-import';

const CHUNK = 5000;

export interface EqdkpImportOptions {
  mysqlUrl: string;
  prefix: string;
  org: string;
  orgName?: string;
  dryRun?: boolean;
  encryptionKey?: string;
  poolNames?: Map<string, string>;
  /** Who runs the import (ledger and membership actor); null from the CLI. */
  actorUserId?: string | null;
  /** One line per step (per table read, per load step). */
  progress?: (table: string, rows: number) => void;
  /**
   * Called after each step has committed (its rows and their mappings), with the rows it wrote.
   * A throw stops the run there: what committed stays and the next run resumes after it.
   */
  afterStep?: (step: string, rows: number) => Promise<void> | void;
}

/** One run's shared state while it writes. */
interface WriteRun {
  options: EqdkpImportOptions;
  mapping: EqdkpMapping;
  report: ImportReport;
  tally: ImportTally;
  scope: RowScope;
  state: ImportState;
  /** The dry run's one transaction (rolled back at the end); null: each step commits its own. */
  dryTx: EntityManager | null;
  /** The source connection, still open: attendee rows are read page by page while writing. */
  conn: Connection;
  progress: (step: string, rows: number) => void;
}

/** Rolls the dry run's transaction back after a complete, checked import. */
class DryRunDone extends Error {}

/**
 * Imports an EQdkp Plus database into an org: reads every table, maps the rows (pure modules)
 * and writes them step by step (users, ranks, pools, events, items, characters, raids, attendee
 * pages, loot, adjustments), each step in one transaction with its `dkp_import_mappings` rows and
 * a step marker. A run that dies half-way keeps the steps that committed; the next run maps the
 * source again (deterministically), reuses the committed ids and writes only the steps still
 * missing. The last step rebuilds balances and compares them with EQdkp's own figures. A run on
 * a complete import does nothing ("nothing to do"). `--dry-run` writes the remaining steps in one
 * transaction and rolls it back. The CLI and the API job both run this.
 */
export class EqdkpImporter {
  constructor(
    private readonly db: DataSource,
    private readonly bulk: DkpBulkRepository,
    private readonly ledger: LedgerService,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly members: MembersService,
  ) {}

  /** Takes its collaborators from the application (the CLI's context, or a module's `ModuleRef`). */
  static fromApp(app: Pick<INestApplicationContext, 'get'>): EqdkpImporter {
    const get = <T>(token: unknown) => app.get<T>(token as never, { strict: false });
    return new EqdkpImporter(
      get<DataSource>(getDataSourceToken()),
      get<DkpBulkRepository>(DkpBulkRepository),
      get<LedgerService>(LedgerService),
      get<OrgsService>(OrgsService),
      get<UsersService>(UsersService),
      get<MembersService>(MembersService),
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
        resumed: [],
        tables: tally.tables,
        merges: tally.merges,
        skips: tally.skips,
        renames: tally.renames,
        notes: tally.notes,
        check: { balancesCompared: 0, differences: [] },
        ms: 0,
      };
      const progress = options.progress ?? (() => {});
      const write = async (dryTx: EntityManager | null) => {
        const tx = dryTx ?? this.db.manager;
        const org = await this.ensureOrg(dryTx, options);
        const state = await readImportState(tx, org, EQDKP_SOURCE);
        if (await this.nothingToDo(tx, org, state)) {
          report.status = 'nothing-to-do';
          report.notes.unshift(`org ${options.org} already holds this import: nothing to do`);
          if (dryTx) throw new DryRunDone();
          return;
        }
        const ids = assignIds(mapping.guild);
        reuseKnownIds(ids, state);
        report.resumed = [...state.done];
        if (state.done.size) report.notes.unshift(`resumed an interrupted import: ${state.done.size} steps were already committed`); // prettier-ignore
        const scope: RowScope = { orgId: org, ids, actorUserId: options.actorUserId ?? null, source: EQDKP_SOURCE };
        await this.writeSteps({ options, mapping, report, tally, scope, state, dryTx, conn, progress });
        if (dryTx) throw new DryRunDone();
      };
      try {
        if (options.dryRun) await this.db.transaction(write);
        else await write(null);
      } catch (error) {
        if (!(error instanceof DryRunDone)) throw error;
      }
      report.ms = Date.now() - started;
      return report;
    } finally {
      await conn.end();
    }
  }

  /** The org's id (created with `dkp` enabled when missing). */
  private async ensureOrg(dryTx: EntityManager | null, options: EqdkpImportOptions): Promise<string> {
    const ensure = (tx: EntityManager) =>
      this.orgs.ensureOrg(tx, { slug: options.org, name: options.orgName ?? options.org, contexts: ['dkp'] });
    return (dryTx ? await ensure(dryTx) : await this.db.transaction(ensure)).id;
  }

  /**
   * True when the org holds a complete import (the `complete` marker, or the ledger rows of an
   * import made before step markers existed, which was one transaction). DKP data that is not
   * from an import makes the import refuse.
   */
  private async nothingToDo(tx: EntityManager, orgId: string, state: ImportState): Promise<boolean> {
    if (state.done.has(COMPLETE_STEP)) return true;
    if (state.done.size) return false;
    const [imported] = await tx.query('SELECT 1 FROM dkp_ledger WHERE org_id = $1 AND source = $2 LIMIT 1', [
      orgId,
      EQDKP_SOURCE,
    ]);
    if (imported) return true;
    const [pool] = await tx.query('SELECT 1 FROM dkp_pools WHERE org_id = $1 LIMIT 1', [orgId]);
    if (pool) throw new Error('The org already holds DKP data (not from an EQdkp import): import into a new org');
    return false;
  }

  /**
   * Runs `write` in its own transaction with the step's mapping rows and marker (or in the dry
   * run's), unless an earlier run committed the step. Returns false when it was done already.
   */
  private async step(
    run: WriteRun,
    name: string,
    ids: Partial<BulkIds>,
    write: (tx: EntityManager) => Promise<number>,
  ): Promise<boolean> {
    if (run.state.done.has(name)) return false;
    const body = async (tx: EntityManager) => {
      const rows = await write(tx);
      await writeStepMappings(tx, run.scope.orgId, EQDKP_SOURCE, name, ids);
      return rows;
    };
    const rows = run.dryTx ? await body(run.dryTx) : await this.db.transaction(body);
    run.state.done.add(name);
    run.progress(`${name} (committed)`, rows);
    await run.options.afterStep?.(name, rows);
    return true;
  }

  /** Every step, in foreign-key order. */
  private async writeSteps(run: WriteRun): Promise<void> {
    const { mapping, scope } = run;
    const { guild } = mapping;
    const { ids } = scope;
    await this.step(run, 'users', { users: ids.users }, (tx) => this.writeUsers(tx, run));
    if (!ids.users.size) for (const user of guild.users) ids.users.set(user.key, requireKnown(run.state, user.key));
    await this.step(run, 'ranks', { ranks: ids.ranks }, (tx) => this.insert(tx, 'dkp_ranks', rankRows(scope, guild.ranks ?? []))); // prettier-ignore
    await this.step(run, 'pools', { pools: ids.pools }, (tx) => this.insert(tx, 'dkp_pools', poolRows(scope, guild.pools))); // prettier-ignore
    await this.step(run, 'events', { events: ids.events }, (tx) => this.insert(tx, 'dkp_events', eventRows(scope, guild.events))); // prettier-ignore
    await this.step(run, 'items', { items: ids.items }, async (tx) => {
      const rows = await this.insert(tx, 'dkp_items', itemRows(scope, guild.items));
      await setGameItemIds(tx, mapping.gameIds, ids);
      return rows;
    });
    await this.step(run, 'characters', { characters: ids.characters }, async (tx) => {
      const joinedAt = joinDates(guild);
      const rows = await this.insert(tx, 'dkp_characters', characterRows(scope, guild.characters, joinedAt));
      await this.insert(tx, 'dkp_character_ownership', ownershipRows(scope, guild.characters, joinedAt));
      return rows;
    });
    await this.step(run, 'raids', { raids: ids.raids }, (tx) => this.insert(tx, 'dkp_raids', raidRows(scope, guild.raids, guild.events))); // prettier-ignore
    await this.loadAttendance(run);
    await this.step(run, 'loot', { loot: ids.loot }, async (tx) => {
      const rows = lootRows(scope, guild.loot);
      await this.insert(tx, 'dkp_loot', rows.loot);
      await this.insert(tx, 'dkp_ledger', rows.ledger);
      const extras = mapping.extras.filter((extra) => extra.kind === 'loot');
      return rows.loot.length + (await this.insert(tx, 'dkp_ledger', extraRows(scope, extras)));
    });
    await this.step(run, 'adjustments', {}, (tx) => this.insert(tx, 'dkp_ledger', adjustmentLedgerRows(scope, guild.adjustments))); // prettier-ignore
    const unbalanced = run.tally.unbalanced();
    if (unbalanced.length) throw new Error(`Row accounting does not add up:\n  ${unbalanced.join('\n  ')}`);
    await this.step(run, COMPLETE_STEP, {}, (tx) => this.checkBalances(tx, run));
    run.report.ids = idMaps(ids);
  }

  /** Accounts (kept apart from the platform's others), memberships, e-mails and disabled state. */
  private async writeUsers(tx: EntityManager, run: WriteRun): Promise<number> {
    const { users } = run.mapping.guild;
    const created = await separateAccounts(tx, run.scope.orgId, EQDKP_SOURCE, users, run.report);
    const idOfUsername = await this.users.ensureUsers(
      tx,
      created.map((user) => ({ username: user.username, displayName: user.displayName ?? null, discordId: user.discordId ?? null })), // prettier-ignore
    );
    for (const user of users) {
      const userId = user.userId ?? idOfUsername.get(user.username);
      if (!userId) throw new Error(`User ${user.username} could not be created`);
      run.scope.ids.users.set(user.key, userId);
    }
    const memberships = users.map((user) => ({ userId: run.scope.ids.users.get(user.key)!, tier: user.tier }));
    await this.members.ensureMemberships(tx, run.scope.orgId, memberships, {
      actorUserId: run.scope.actorUserId,
      reason: MEMBERSHIP_REASON,
    });
    await applyUserDetails(tx, this.users, run.mapping.people, created, run.scope.ids, run.report);
    return users.length;
  }

  /**
   * Attendee rows page by page (whole raids each), one step per page: attendance, its ledger
   * credits and the page's extra credits. Every page is mapped, committed earlier or not, since
   * the mapping adds it to EQdkp's figures and to the row accounting.
   */
  private async loadAttendance(run: WriteRun): Promise<void> {
    for await (const page of attendeePages(run.conn, run.options.prefix)) {
      const extrasBefore = run.mapping.extras.length;
      const attendance = run.mapping.attendancePage(page);
      const extras = run.mapping.extras.slice(extrasBefore);
      await this.step(run, pageStep(page), {}, async (tx) => {
        const rowsOf = attendanceRows(run.scope, attendance, run.mapping.guild.raids);
        await this.insert(tx, 'dkp_attendance', rowsOf.attendance);
        await this.insert(tx, 'dkp_ledger', rowsOf.ledger);
        await this.insert(tx, 'dkp_ledger', extraRows(run.scope, extras));
        return page.length;
      });
    }
  }

  /** Balances rebuilt from the ledger and compared with EQdkp's figures; a difference fails the step. */
  private async checkBalances(tx: EntityManager, run: WriteRun): Promise<number> {
    const { mapping, report, scope } = run;
    await this.ledger.rebuildBalances(tx, scope.orgId);
    const stored = await this.bulk.balances(tx, scope.orgId);
    const differences = balanceDifferences(stored, mapping, scope.ids);
    report.check = { balancesCompared: mapping.expected.length, differences };
    if (differences.length) {
      throw new Error(
        `Imported balances differ from EQdkp's (${differences.length}):\n  ${differences.slice(0, 20).join('\n  ')}`,
      );
    }
    return mapping.expected.length;
  }

  private async insert<T extends BulkTable>(tx: EntityManager, table: T, rows: BulkRow<T>[]): Promise<number> {
    await this.bulk.insertRows(tx, table, rows, CHUNK);
    return rows.length;
  }
}

/** A page's step name: the raids it spans (pages are whole raids, in raid order, so stable between runs). */
function pageStep(page: EqAttendee[]): string {
  return `raid_attendees:${page[0]?.raidId ?? 0}-${page.at(-1)?.raidId ?? 0}`;
}

function requireKnown(state: ImportState, key: Key): string {
  const id = state.known.get('users')?.get(storedKey(key));
  if (!id) throw new Error(`The committed users step has no mapping for ${String(key)}`);
  return id;
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

function extraRows(scope: RowScope, extras: ExtraLedger[]): BulkRow<'dkp_ledger'>[] {
  const { ids } = scope;
  const id = (map: Map<Key, string>, key: Key | null) => (key == null ? null : (map.get(key) ?? null));
  return extras.map((extra) => ({
    id: randomUUID(),
    org_id: scope.orgId,
    pool_id: id(ids.pools, extra.poolKey),
    user_id: id(ids.users, extra.userKey),
    kind: extra.kind,
    bucket: extra.bucket,
    amount: extra.amount,
    character_name: extra.characterName,
    reason: extra.reason.slice(0, 500),
    actor_user_id: scope.actorUserId,
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
