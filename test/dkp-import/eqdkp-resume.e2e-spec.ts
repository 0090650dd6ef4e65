import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EqdkpImporter, type EqdkpImportOptions } from '../../src/contexts/dkp/import/eqdkp-importer';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { startTestApp, TestApp, unique } from '../support/test-app';
import {
  dropDatabase,
  Expected,
  figuresSideBySide,
  generateAndLoad,
  importRowCounts,
  MARIA,
  MARIA_ABSENT,
  mariaReachable,
} from './eqdkp-fixture';

/**
 * Item 4 of issue 16: each step commits with its mapping rows, so a run that dies half-way
 * resumes where it stopped and a second run imports nothing twice. The interruption is a real
 * error thrown between two steps (the `afterStep` hook), twice; the resumed import must equal a
 * straight import of the same dump row for row and EQdkp's figures to the cent.
 */
const DB = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_eqdkpr_w${process.env.JEST_WORKER_ID ?? '1'}`;

class Interrupted extends Error {}

/** Rows per table of one org: a resumed import must have exactly as many as a straight one. */
const rowCounts = (t: TestApp, orgId: string) => importRowCounts(t.db, orgId);

describe('EQdkp Plus import: interrupted, resumed, run twice (e2e, MariaDB)', () => {
  let t: TestApp;
  let maria = false;
  let dir: string;
  let expected: Expected;
  const straight = unique('eqdkp-straight');
  const resumed = unique('eqdkp-resumed');
  let straightCounts: Record<string, number>;

  const options = (org: string, extra: Partial<EqdkpImportOptions> = {}): EqdkpImportOptions => ({
    mysqlUrl: `${MARIA}/${DB}`,
    prefix: expected.prefix,
    org,
    encryptionKey: expected.config_php.encryptionKey,
    ...extra,
  });
  const run = (org: string, extra: Partial<EqdkpImportOptions> = {}) =>
    EqdkpImporter.fromApp(t.app).run(options(org, extra));
  /** Fails the run right after `step` has committed. */
  const interruptAfter = (matches: (step: string) => boolean) => ({
    afterStep: (step: string) => {
      if (matches(step)) throw new Interrupted(`interrupted after ${step}`);
    },
  });
  const orgId = async (slug: string): Promise<string> =>
    (await t.db.query('SELECT id FROM orgs WHERE slug = $1', [slug]))[0].id;

  beforeAll(async () => {
    maria = await mariaReachable();
    if (!maria) return console.warn(MARIA_ABSENT);
    dir = mkdtempSync(join(tmpdir(), 'eqdkp-resume-'));
    // Its own seed: the users of a seed another test imports would collide (e-mails, Discord ids).
    expected = await generateAndLoad(dir, DB, ['--seed', '31', '--scale', '0.5']);
    t = await startTestApp();
    const report = await run(straight);
    expect(report.status).toBe('imported');
    straightCounts = await rowCounts(t, await orgId(straight));
  }, 240_000);

  afterAll(async () => {
    if (!maria) return;
    await t?.close();
    await dropDatabase(DB);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a run that dies after a step keeps what committed; the next one resumes and ends exact', async () => {
    if (!maria) return;
    await expect(
      run(
        resumed,
        interruptAfter((step) => step === 'raids'),
      ),
    ).rejects.toThrow(Interrupted);
    const id = await orgId(resumed);
    const afterRaids = await rowCounts(t, id);
    expect(afterRaids.dkp_raids).toBe(straightCounts.dkp_raids);
    expect(afterRaids.dkp_characters).toBe(straightCounts.dkp_characters);
    expect(afterRaids.dkp_attendance).toBe(0);
    expect(afterRaids.dkp_ledger).toBe(0);

    // A dry run of the rest writes nothing.
    const dry = await run(resumed, { dryRun: true });
    expect(dry.status).toBe('dry-run');
    expect(dry.resumed).toEqual(expect.arrayContaining(['users', 'pools', 'raids']));
    expect(dry.check.differences).toEqual([]);
    expect(await rowCounts(t, id)).toEqual(afterRaids);

    // Second interruption: after the attendee pages and the loot, before the adjustments.
    await expect(
      run(
        resumed,
        interruptAfter((step) => step === 'loot'),
      ),
    ).rejects.toThrow(Interrupted);
    const afterLoot = await rowCounts(t, id);
    expect(afterLoot.dkp_attendance).toBe(straightCounts.dkp_attendance);
    expect(afterLoot.dkp_loot).toBe(straightCounts.dkp_loot);
    expect(afterLoot.dkp_ledger).toBeLessThan(straightCounts.dkp_ledger);

    const report = await run(resumed);
    expect(report.status).toBe('imported');
    expect(report.resumed).toEqual(expect.arrayContaining(['users', 'raids', 'loot']));
    expect(report.resumed).not.toContain('adjustments');
    expect(report.check.differences).toEqual([]);
    for (const [table, tally] of Object.entries(report.tables)) {
      expect({ table, sum: tally.imported + tally.merged + tally.skipped }).toEqual({ table, sum: tally.source });
    }
    // No row twice: exactly the straight import's rows, and EQdkp's figures to the cent.
    expect(await rowCounts(t, id)).toEqual(straightCounts);
    const { got, want } = await figuresSideBySide(t.db, id, report, expected);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(want);
    expect(await t.app.get(LedgerService).findMismatches(id)).toEqual([]);
  }, 240_000);

  it('a second full run imports nothing, and a dry run says nothing to do', async () => {
    if (!maria) return;
    const id = await orgId(resumed);
    const before = await rowCounts(t, id);
    const again = await run(resumed);
    expect(again.status).toBe('nothing-to-do');
    expect(again.notes[0]).toMatch(/nothing to do/);
    const dry = await run(resumed, { dryRun: true });
    expect(dry.status).toBe('nothing-to-do');
    expect(await rowCounts(t, id)).toEqual(before);
  }, 240_000);
});
