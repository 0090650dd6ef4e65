import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EQDKP_IMPORT_QUEUE } from '../../src/contexts/dkp/import/import-runs.service';
import type { ImportReport } from '../../src/contexts/dkp/import/import-report';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { http } from '../support/http';
import { createTestOrg, expectForbiddenPaths, TestOrg } from '../support/org-kit';
import { registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';
import {
  dropDatabase,
  Expected,
  figuresSideBySide,
  generateAndLoad,
  MARIA,
  MARIA_ABSENT,
  mariaReachable,
} from './eqdkp-fixture';

/**
 * Item 6 of issue 16: org owners and platform admins run the CLI's import as a job through
 * `POST /orgs/{org}/dkp/imports`, follow it and read its report; the connection details never
 * appear in clear (run row, job data, audit trail, errors).
 */
const DB = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_eqdkpa_w${process.env.JEST_WORKER_ID ?? '1'}`;
const PASSWORD = 'Hunter2-never-shown';

describe('EQdkp Plus import through the API, as a job (e2e, MariaDB)', () => {
  let t: TestApp;
  /** MariaDB reachable and the routes wired. */
  let ready = false;
  let dir: string;
  let expected: Expected;
  let org: TestOrg;
  let admin: TestUser;
  const base = () => `/api/v1/orgs/${org.slug}/dkp/imports`;
  const maria_ = new URL(MARIA);
  /** The dump's connection as parts (the test MariaDB's root has no password). */
  const parts = () => ({
    host: maria_.hostname,
    port: Number(maria_.port || 3306),
    user: decodeURIComponent(maria_.username || 'root'),
    database: DB,
    prefix: expected.prefix,
    encryptionKey: expected.config_php.encryptionKey,
  });
  const drain = () => t.app.get(JobQueue).drain([EQDKP_IMPORT_QUEUE]);

  beforeAll(async () => {
    if (!(await mariaReachable())) return console.warn(MARIA_ABSENT);
    dir = mkdtempSync(join(tmpdir(), 'eqdkp-api-'));
    // Its own seed: the users of a seed another test imports would collide (e-mails, Discord ids).
    expected = await generateAndLoad(dir, DB, ['--seed', '41', '--scale', '0.5']);
    t = await startTestApp();
    org = await createTestOrg(t, { contexts: ['dkp'], botKeyScopes: [['dkp:admin']] });
    admin = await registerUser(t, 'eqadmin');
    await t.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [admin.id]);
    // Until DkpImportModule is in DkpModule's imports the routes do not exist: say so, test nothing.
    ready = (await http(t, org.owner, 'GET', base())).status !== 404;
    if (!ready)
      console.warn('SKIPPED: the dkp/imports routes are not wired (add DkpImportModule to DkpModule imports)');
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    if (!dir) return;
    await dropDatabase(DB);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is for org owners, owner bots with dkp:admin and platform admins only', async () => {
    if (!ready) return;
    await expectForbiddenPaths({ org, context: 'dkp', method: 'POST', path: '/imports', body: parts(), scopes: ['dkp:admin'], minTier: 'owner', revokedKey: true }); // prettier-ignore
    await expectForbiddenPaths({ org, context: 'dkp', method: 'GET', path: '/imports', scopes: ['dkp:admin'], minTier: 'owner', allowed: true }); // prettier-ignore
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM dkp_import_runs WHERE org_id = $1', [org.id]);
    expect(n).toBe(0);
  });

  it('refuses bad connection details with field paths, writing nothing', async () => {
    if (!ready) return;
    const cases: [object, string][] = [
      [{ ...parts(), mysqlUrl: `${MARIA}/${DB}` }, 'host'],
      [{ prefix: expected.prefix }, 'host'],
      [{ mysqlUrl: 'http://example.net/x', prefix: expected.prefix }, 'mysqlUrl'],
      [{ ...parts(), prefix: 'bad prefix;' }, 'prefix'],
      [{ ...parts(), pools: '1=' }, 'pools'],
      [{ ...parts(), port: 70000 }, 'port'],
    ];
    for (const [body, path] of cases) {
      const res = await http(t, org.owner, 'POST', base(), { body });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM dkp_import_runs WHERE org_id = $1', [org.id]);
    expect(n).toBe(0);
  });

  it('a failing run says why without the password, which is nowhere in clear; one run at a time', async () => {
    if (!ready) return;
    const mysqlUrl = `mysql://${encodeURIComponent(parts().user)}:${PASSWORD}@${parts().host}:${parts().port}/${DB}_missing`; // prettier-ignore
    const queued = await http(t, org.owner, 'POST', base(), { body: { mysqlUrl, prefix: expected.prefix } });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', prefix: expected.prefix, requestedByUserId: org.owner.id });
    const busy = await http(t, org.owner, 'POST', base(), { body: parts() });
    expect(busy.status).toBe(409);
    expect(busy.body.type).toMatch(/dkp-import-running$/);

    await drain();
    const failed = await http(t, org.owner, 'GET', `${base()}/${queued.body.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', report: null });
    expect(failed.body.error).toEqual(expect.any(String));
    expect(failed.body.error.length).toBeGreaterThan(0);
    const everywhere = [
      JSON.stringify(failed.body),
      JSON.stringify(await t.db.query('SELECT * FROM dkp_import_runs WHERE org_id = $1', [org.id])),
      JSON.stringify(await t.db.query('SELECT data FROM pgboss.job WHERE name = $1', [EQDKP_IMPORT_QUEUE])),
      JSON.stringify(await t.db.query('SELECT action, changes FROM audit_log WHERE org_id = $1', [org.id])),
    ].join('\n');
    expect(everywhere).toContain('startEqdkpImport');
    expect(everywhere).toContain(':***@');
    expect(everywhere).not.toContain(PASSWORD);
    expect(everywhere).not.toContain(expected.config_php.encryptionKey);
  }, 120_000);

  it('a platform admin runs the import: progress per step, report, figures exact; a dry run after says nothing to do', async () => {
    if (!ready) return;
    const queued = await http(t, admin, 'POST', base(), { body: parts() });
    expect(queued.status).toBe(202);
    expect(queued.body.requestedByUserId).toBe(admin.id);
    expect((await drain()).completed).toBeGreaterThanOrEqual(1);

    const done = await http(t, org.owner, 'GET', `${base()}/${queued.body.id}`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'succeeded', error: null, dryRun: false });
    expect(Object.keys(done.body.progress.steps)).toEqual(expect.arrayContaining(['users', 'raids', 'loot', 'adjustments', 'complete'])); // prettier-ignore
    expect(done.body.progress.read.raid_attendees).toBe(expected.row_counts[`${expected.prefix}raid_attendees`]);
    const report = done.body.report as ImportReport;
    expect(report.status).toBe('imported');
    expect(report.check.differences).toEqual([]);
    expect(report.check.balancesCompared).toBeGreaterThan(50);
    for (const [table, tally] of Object.entries(report.tables)) {
      expect({ table, sum: tally.imported + tally.merged + tally.skipped }).toEqual({ table, sum: tally.source });
    }
    // The figures against expected.json, with the ids the mapping table recorded.
    const mapped: { source_table: string; source_id: string; new_id: string }[] = await t.db.query(
      "SELECT source_table, source_id, new_id FROM dkp_import_mappings WHERE org_id = $1 AND source_table IN ('users', 'pools')",
      [org.id],
    );
    const ids: Record<string, Record<string, string[]>> = { users: {}, pools: {} };
    for (const row of mapped) (ids[row.source_table][row.source_id] ??= []).push(row.new_id);
    const { got, want } = await figuresSideBySide(t.db, org.id, { ...report, ids }, expected);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(want);
    expect(await t.app.get(LedgerService).findMismatches(org.id)).toEqual([]);

    const dry = await http(t, org.owner, 'POST', base(), { body: { ...parts(), dryRun: true } });
    expect(dry.status).toBe(202);
    await drain();
    const dryDone = await http(t, { apiKey: org.botKeys[0].key }, 'GET', `${base()}/${dry.body.id}`);
    expect(dryDone.body).toMatchObject({ status: 'succeeded', dryRun: true, report: { status: 'nothing-to-do' } });

    const list = await http(t, org.owner, 'GET', base(), { query: { limit: 2 } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([dry.body.id, queued.body.id]);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await http(t, org.owner, 'GET', base(), { query: { limit: 2, cursor: list.body.nextCursor } });
    expect(next.body.items).toHaveLength(1);
  }, 240_000);

  it("another org's import is a 404", async () => {
    if (!ready) return;
    const [{ id }] = await t.db.query('SELECT id FROM dkp_import_runs WHERE org_id = $1 LIMIT 1', [org.id]);
    const res = await http(t, org.outsider, 'GET', `/api/v1/orgs/${org.outsiderSlug}/dkp/imports/${id}`);
    expect(res.status).toBe(404);
  });
});
