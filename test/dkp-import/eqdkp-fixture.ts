import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../../src/contexts/dkp/import/import-report';

/** Shared by the EQdkp import tests: the MariaDB under test, dumps from the generator, the figure check. */
export const MARIA = process.env.EQDKP_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';
/** The shared material sits beside the repository (`../shared`), as in CI. */
export const GENERATOR =
  process.env.EQDKP_GENERATOR ?? join(__dirname, '..', '..', '..', 'shared', 'eqdkp', 'gen_eqdkp_dump.py');
export const MARIA_ABSENT = `SKIPPED: MariaDB is not reachable at ${MARIA} (start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)`; // prettier-ignore

export interface PoolFigures {
  earned: string;
  spent: string;
  adjustment: string;
  current: string;
}
export interface Expected {
  config_php: { encryptionKey: string };
  prefix: string;
  table_charset: string;
  quirks: { item_names_with_several_game_ids: Record<string, string[]>; inactive_users: number[] };
  row_counts: Record<string, number>;
  users: { user_id: number; points: Record<string, PoolFigures> }[];
  unowned_members: { member_id: number }[];
  members: { member_id: number; points: Record<string, PoolFigures> }[];
  orphan_members: { member_id: number; points: Record<string, PoolFigures> }[];
}

export async function mariaReachable(): Promise<boolean> {
  try {
    const conn = await createConnection({ uri: MARIA, connectTimeout: 3000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

/** Writes a dump with the generator's `args` into `dir`, loads it into database `db`; returns expected.json. */
export async function generateAndLoad(dir: string, db: string, args: string[]): Promise<Expected> {
  const dump = join(dir, 'eqdkp_dump.sql');
  execFileSync('python3', [GENERATOR, ...args, '--out', dump], { stdio: 'ignore' });
  const conn = await createConnection({ uri: MARIA, multipleStatements: true, charset: 'utf8mb4' });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4`);
    await conn.query(`USE \`${db}\``);
    await conn.query(readFileSync(dump, 'utf8'));
  } finally {
    await conn.end();
  }
  return JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
}

export async function dropDatabase(db: string): Promise<void> {
  const conn = await createConnection({ uri: MARIA });
  await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
  await conn.end();
}

const norm = (f: PoolFigures) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v).toFixed(2)]));

/**
 * Every user's, unclaimed character's and orphan's figures per pool as stored after the import,
 * next to expected.json's: two lists that must be equal.
 */
export async function figuresSideBySide(
  db: DataSource,
  orgId: string,
  report: ImportReport,
  expected: Expected,
): Promise<{ got: object[]; want: object[] }> {
  const rows: { pool_id: string; user_id: string; earned: string; spent: string; adjusted: string; balance: string }[] =
    await db.query('SELECT pool_id, user_id, earned, spent, adjusted, balance FROM dkp_balances WHERE org_id = $1', [orgId]); // prettier-ignore
  const stored = new Map(rows.map((r) => [`${r.user_id}|${r.pool_id}`, r]));
  const memberPoints = new Map(expected.members.map((m) => [m.member_id, m.points]));
  const subjects = [
    ...expected.users.map((u) => ({ key: `u:${u.user_id}`, points: u.points })),
    ...expected.unowned_members.map((m) => ({ key: `m:${m.member_id}`, points: memberPoints.get(m.member_id)! })),
    ...expected.orphan_members.map((m) => ({ key: `o:${m.member_id}`, points: m.points })),
  ];
  const got: object[] = [];
  const want: object[] = [];
  for (const subject of subjects) {
    const userId = report.ids!.users[subject.key][0];
    for (const [pool, figures] of Object.entries(subject.points)) {
      const row = stored.get(`${userId}|${report.ids!.pools[`p:${pool}`][0]}`);
      const have = row
        ? { earned: row.earned, spent: Math.abs(Number(row.spent)).toFixed(2), adjustment: row.adjusted, current: row.balance } // prettier-ignore
        : { earned: '0', spent: '0', adjustment: '0', current: '0' };
      got.push({ who: subject.key, pool, ...norm(have) });
      want.push({ who: subject.key, pool, ...norm(figures) });
    }
  }
  return { got, want };
}

/** The tables an import writes, org-scoped: a resumed import must hold exactly a straight one's rows in each. */
export const IMPORTED_TABLES = [
  'dkp_ranks',
  'dkp_pools',
  'dkp_events',
  'dkp_items',
  'dkp_characters',
  'dkp_character_ownership',
  'dkp_raids',
  'dkp_attendance',
  'dkp_loot',
  'dkp_ledger',
  'dkp_balances',
  'memberships',
  'dkp_import_mappings',
] as const;

/** Rows per imported table of one org. */
export async function importRowCounts(db: DataSource, orgId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of IMPORTED_TABLES) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]);
    counts[table] = n;
  }
  return counts;
}

/** The steps an import into the org committed (its `#step` mapping rows: `users`, `raid_attendees:1-250`, `complete` ...). */
export async function committedSteps(db: DataSource, orgId: string): Promise<string[]> {
  const rows: { source_id: string }[] = await db.query(
    "SELECT source_id FROM dkp_import_mappings WHERE org_id = $1 AND source_table = '#step' ORDER BY source_id",
    [orgId],
  );
  return rows.map((row) => row.source_id);
}
