import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EqdkpImporter } from '../../src/contexts/dkp/import/eqdkp-importer';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { startTestApp, TestApp, unique } from '../support/test-app';
import { dropDatabase, figuresSideBySide, generateAndLoad, MARIA, MARIA_ABSENT, mariaReachable } from './eqdkp-fixture';

/**
 * The importer on other dumps than the default: another seed, another table prefix, tables in
 * utf8mb4 (a converted database). Each import must give expected.json's figures to the cent and
 * account for every source row. Scale 0.5 keeps them quick; the default dump is eqdkp-import's.
 */
const VARIANTS: { name: string; args: string[] }[] = [
  { name: 'seed 7', args: ['--seed', '7', '--scale', '0.5'] },
  { name: 'prefix guild_', args: ['--prefix', 'guild_', '--scale', '0.5', '--seed', '11'] },
  // Its own seed: users (e-mails, Discord ids) of one seed collide with another import of it.
  { name: 'utf8mb4 tables', args: ['--table-charset', 'utf8mb4', '--scale', '0.5', '--seed', '23'] },
];

describe('EQdkp Plus import of other dumps (e2e, MariaDB)', () => {
  let t: TestApp;
  let maria = false;
  let dir: string;
  const db = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_eqdkpv_w${process.env.JEST_WORKER_ID ?? '1'}`;

  beforeAll(async () => {
    maria = await mariaReachable();
    if (!maria) return console.warn(MARIA_ABSENT);
    dir = mkdtempSync(join(tmpdir(), 'eqdkp-variants-'));
    t = await startTestApp();
  }, 120_000);

  afterAll(async () => {
    if (!maria) return;
    await t?.close();
    await dropDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(VARIANTS)(
    '$name: every row accounted for, every figure equal to expected.json',
    async ({ args }) => {
      if (!maria) return;
      const expected = await generateAndLoad(dir, db, args);
      const org = unique('eqdkp-variant');
      const report = await EqdkpImporter.fromApp(t.app).run({
        mysqlUrl: `${MARIA}/${db}`,
        prefix: expected.prefix,
        org,
        encryptionKey: expected.config_php.encryptionKey,
      });
      expect(report.status).toBe('imported');
      expect(report.check.differences).toEqual([]);
      for (const [table, tally] of Object.entries(report.tables)) {
        expect({ table, sum: tally.imported + tally.merged + tally.skipped }).toEqual({ table, sum: tally.source });
        expect({ table, source: tally.source }).toEqual({ table, source: expected.row_counts[`${expected.prefix}${table}`] }); // prettier-ignore
      }
      const [{ id: orgId }] = await t.db.query('SELECT id FROM orgs WHERE slug = $1', [org]);
      const { got, want } = await figuresSideBySide(t.db, orgId, report, expected);
      expect(got.length).toBeGreaterThan(100);
      expect(got).toEqual(want);
      expect(await t.app.get(LedgerService).findMismatches(orgId)).toEqual([]);
    },
    240_000,
  );
});
