import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { EqdkpImporter } from '../../src/contexts/dkp/import/eqdkp-importer';
import type { ImportReport } from '../../src/contexts/dkp/import/import-report';
import { reportLines } from '../../src/contexts/dkp/import/report-format';
import { startTestApp, TestApp, unique } from '../support/test-app';
import { Expected, generateAndLoad, MARIA, mariaReachable, PoolFigures } from './eqdkp-fixture';

/**
 * The EQdkp Plus importer against a real MariaDB (127.0.0.1:3306, root without password): the
 * generator's default dump is loaded into a database of this run's own, imported, and the
 * balances compared with the generator's expected.json to the cent. Without MariaDB the tests
 * say so and do nothing.
 */
const DB = `${process.env.QM_TEST_DB_PREFIX ?? 'qm_test'}_eqdkp_w${process.env.JEST_WORKER_ID ?? '1'}`;

describe('EQdkp Plus import (e2e, MariaDB)', () => {
  let t: TestApp;
  let maria = false;
  let dir: string;
  let expected: Expected;
  const org = unique('eqdkp-guild');
  let report: ImportReport;
  /** A platform user who happens to hold the name (and e-mail) EQdkp user 5 would get. */
  let bystanderId: string;

  const importer = () => EqdkpImporter.fromApp(t.app);
  const options = (dryRun: boolean) => ({
    mysqlUrl: `${MARIA}/${DB}`,
    prefix: expected.prefix,
    org,
    dryRun,
    encryptionKey: expected.config_php.encryptionKey,
  });

  beforeAll(async () => {
    maria = await mariaReachable();
    if (!maria) {
      console.warn(`SKIPPED: MariaDB is not reachable at ${MARIA} (start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)`); // prettier-ignore
      return;
    }
    dir = mkdtempSync(join(tmpdir(), 'eqdkp-'));
    expected = await generateAndLoad(dir, DB, []);
    t = await startTestApp();
    // A database kept from an earlier run holds this dump's users already: free their e-mails and
    // Discord ids, which the import (rightly) refuses to reuse.
    const users = (expected as unknown as { users: { email: string | null; discord_id: string | null }[] }).users;
    await t.db.query(
      'UPDATE users SET email = NULL, discord_id = NULL WHERE lower(email) = ANY($1) OR discord_id = ANY($2)',
      [
        users.flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])),
        users.flatMap((u) => (u.discord_id ? [u.discord_id] : [])),
      ],
    );
    await t.db.query(
      `INSERT INTO users (username, email, display_name) VALUES ('branaerah', 'branaerah@example.net', 'Not the EQdkp one')
       ON CONFLICT (username) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name`,
    );
    [{ id: bystanderId }] = await t.db.query("SELECT id FROM users WHERE username = 'branaerah'");
  }, 180_000);

  afterAll(async () => {
    if (!maria) return;
    await t?.close();
    const conn = await createConnection({ uri: MARIA });
    await conn.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await conn.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run checks everything and writes nothing', async () => {
    if (!maria) return;
    const dry = await importer().run(options(true));
    expect(dry.status).toBe('dry-run');
    expect(dry.check.differences).toEqual([]);
    const [row] = await t.db.query('SELECT count(*)::int AS n FROM orgs WHERE slug = $1', [org]);
    expect(row.n).toBe(0);
  }, 180_000);

  it('imports every row into exactly one of imported, merged, skipped', async () => {
    if (!maria) return;
    report = await importer().run(options(false));
    expect(report.status).toBe('imported');
    expect(report.check.differences).toEqual([]);
    for (const [table, tally] of Object.entries(report.tables)) {
      expect({ table, sum: tally.imported + tally.merged + tally.skipped }).toEqual({ table, sum: tally.source });
      expect(tally.source).toBe(expected.row_counts[`${expected.prefix}${table}`]);
    }
    expect(report.tables.raid_attendees.skipped).toBe(38 + 33);
    const printed = reportLines(report);
    expect(printed.at(-1)).toMatch(/, 0 differences$/);
    if (process.env.EQDKP_PRINT_REPORT) console.log(printed.join('\n'));
  }, 180_000);

  it("gives every user, unclaimed character and orphan EQdkp's figures to the cent", async () => {
    if (!maria) return;
    const [{ id: orgId }] = await t.db.query('SELECT id FROM orgs WHERE slug = $1', [org]);
    const rows: { pool_id: string; user_id: string; earned: string; spent: string; adjusted: string; balance: string }[] =
      await t.db.query('SELECT pool_id, user_id, earned, spent, adjusted, balance FROM dkp_balances WHERE org_id = $1', [orgId]); // prettier-ignore
    const stored = new Map(rows.map((r) => [`${r.user_id}|${r.pool_id}`, r]));
    const memberPoints = new Map(expected.members.map((m) => [m.member_id, m.points]));
    const subjects = [
      ...expected.users.map((u) => ({ key: `u:${u.user_id}`, points: u.points })),
      ...expected.unowned_members.map((m) => ({ key: `m:${m.member_id}`, points: memberPoints.get(m.member_id)! })),
      ...expected.orphan_members.map((m) => ({ key: `o:${m.member_id}`, points: m.points })),
    ];
    let compared = 0;
    for (const subject of subjects) {
      const userId = report.ids!.users[subject.key][0];
      for (const [pool, want] of Object.entries(subject.points)) {
        const got = stored.get(`${userId}|${report.ids!.pools[`p:${pool}`][0]}`);
        const have = got
          ? {
              earned: got.earned,
              spent: Math.abs(Number(got.spent)).toFixed(2),
              adjustment: got.adjusted,
              current: got.balance,
            }
          : { earned: '0.00', spent: '0.00', adjustment: '0.00', current: '0.00' };
        const norm = (f: PoolFigures) =>
          Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v).toFixed(2)]));
        expect({ who: subject.key, pool, ...norm(have) }).toEqual({ who: subject.key, pool, ...norm(want) });
        compared++;
      }
    }
    expect(compared).toBe(subjects.length * 3);
    // check:ledger's rule: every stored balance equals the sum of its ledger rows.
    expect(await t.app.get(LedgerService).findMismatches(orgId)).toEqual([]);
    const [user5] = await t.db.query('SELECT discord_id, display_name FROM users WHERE id = $1', [
      report.ids!.users['u:5'][0],
    ]);
    expect(user5).toEqual({ discord_id: '802030893365894861', display_name: 'Branaerah' });
  }, 60_000);

  it('never links an EQdkp user to an existing platform user by name: renames and reports instead', async () => {
    if (!maria) return;
    const user5 = report.ids!.users['u:5'][0];
    expect(user5).not.toBe(bystanderId);
    const [created] = await t.db.query('SELECT username, email FROM users WHERE id = $1', [user5]);
    expect(created).toEqual({ username: expect.stringMatching(/^branaerah-eq\d*$/), email: null });
    const [bystander] = await t.db.query('SELECT username, email, display_name FROM users WHERE id = $1', [bystanderId]); // prettier-ignore
    expect(bystander).toEqual({ username: 'branaerah', email: 'branaerah@example.net', display_name: 'Not the EQdkp one' }); // prettier-ignore
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.slug = $1 AND m.user_id = $2',
      [org, bystanderId],
    );
    expect(n).toBe(0);
    expect(report.renames).toContainEqual({ kind: 'user', sourceId: '5', from: 'branaerah', to: created.username });
    expect(report.notes.join('\n')).toContain('e-mail branaerah@example.net belongs to an existing platform user');
  });

  it('imports decrypted e-mails (first of two case twins), inactive users disabled, game item ids', async () => {
    if (!maria) return;
    const user = async (key: string) =>
      (await t.db.query('SELECT email, disabled_at FROM users WHERE id = $1', [report.ids!.users[key][0]]))[0];
    expect((await user('u:6')).email).toBe('halarven978@example.net');
    expect((await user('u:27')).email).toBe('orven@example.com');
    expect((await user('u:109')).email).toBeNull();
    expect((await user('u:6')).disabled_at).toBeNull();
    for (const id of expected.quirks.inactive_users) expect((await user(`u:${id}`)).disabled_at).not.toBeNull();
    const [[name, gameIds]] = Object.entries(expected.quirks.item_names_with_several_game_ids);
    const [item] = await t.db.query('SELECT game_item_id FROM dkp_items WHERE id = $1', [
      report.ids!.items[name.toLowerCase()][0],
    ]);
    expect(item.game_item_id).toBe([...gameIds].sort().join(','));
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM dkp_import_mappings WHERE new_id = $1', [
      report.ids!.users['u:5'][0],
    ]);
    expect(n).toBe(1);
  });

  it('keeps original dates and character names in the history', async () => {
    if (!maria) return;
    const raidIds =
      report.ids!.raids['r:715:p:1'] ?? Object.entries(report.ids!.raids).find(([k]) => k.startsWith('r:715:'))![1];
    const [raid] = await t.db.query('SELECT starts_at FROM dkp_raids WHERE id = $1', [raidIds[0]]);
    expect(new Date(raid.starts_at).toISOString()).toBe('2022-11-06T05:30:00.000Z');
    const [zoe] = await t.db.query("SELECT count(*)::int AS n FROM dkp_attendance WHERE character_name = 'Zoë'");
    expect(zoe.n).toBeGreaterThan(0);
    const [bjorn] = await t.db.query('SELECT name FROM dkp_characters WHERE id = $1', [report.ids!.characters['2'][0]]);
    expect(bjorn.name).toBe('Björn (EQdkp #2)');
  });

  it('refuses to import twice: a second run (and a dry run) reports nothing to do', async () => {
    if (!maria) return;
    const [before] = await t.db.query('SELECT count(*)::int AS n FROM dkp_ledger');
    const again = await importer().run(options(false));
    expect(again.status).toBe('nothing-to-do');
    expect((await importer().run(options(true))).status).toBe('nothing-to-do');
    const [after] = await t.db.query('SELECT count(*)::int AS n FROM dkp_ledger');
    expect(after.n).toBe(before.n);
  }, 180_000);
});
