#!/usr/bin/env node
'use strict';
/**
 * EQdkp Plus import benchmark (issue 16): time and peak memory of `import:eqdkp` on a generated dump.
 *
 *   node bench/eqdkp-import.js [--scale 1] [--seed 20240601] [--prefix eqdkp20_] [--dist dist] [--max-heap 160]
 *
 *   1. writes the dump with ../shared/eqdkp/gen_eqdkp_dump.py (EQDKP_GENERATOR) into a temp folder
 *   2. loads it into the MariaDB database `qm_bench_eqdkp` (EQDKP_BENCH_MYSQL, default
 *      mysql://root@127.0.0.1:3306)
 *   3. drops and creates the PostgreSQL database `qm_bench_eqdkp` on DATABASE_URL's server
 *   4. runs `node <dist>/cli/import-eqdkp.js` under `/usr/bin/time -v` (build first: `npm run build`)
 *   5. prints wall time (boot and migrations included), the import's own time (report.ms), peak RSS,
 *      the balance check and the row counts; exits 1 when any balance differs from expected.json.
 *
 * `--max-heap <MB>` caps V8's old space (`--max-old-space-size`): without a cap V8 grows the heap
 * lazily and peak RSS follows the garbage, not the live data; with one, an import that completes
 * shows that its memory does not grow with the dump (attendee rows are read and written in pages).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');
const mysql = require('mysql2/promise');
const { Client } = require('pg');

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20240601' },
    prefix: { type: 'string', default: 'eqdkp20_' },
    dist: { type: 'string', default: join(__dirname, '..', 'dist') },
    'max-heap': { type: 'string' },
  },
});
const GENERATOR = process.env.EQDKP_GENERATOR ?? join(__dirname, '..', '..', 'shared', 'eqdkp', 'gen_eqdkp_dump.py');
const MYSQL = process.env.EQDKP_BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const PG = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = process.env.EQDKP_BENCH_DB ?? 'qm_bench_eqdkp';

async function loadDump(path) {
  const conn = await mysql.createConnection({ uri: MYSQL, multipleStatements: true, charset: 'utf8mb4' });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await conn.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4`);
    await conn.query(`USE \`${DB}\``);
    await conn.query(readFileSync(path, 'utf8'));
  } finally {
    await conn.end();
  }
}

async function freshPostgres() {
  const admin = new Client({ connectionString: PG });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG);
  url.pathname = `/${DB}`;
  return url.toString();
}

function heapArgs() {
  return args['max-heap'] ? [`--max-old-space-size=${Number(args['max-heap'])}`] : [];
}

/** `/usr/bin/time -v` output -> { wallSeconds, maxRssMb }. */
function parseTime(stderr) {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const wallSeconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { wallSeconds, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'eqdkp-bench-'));
  try {
    const dump = join(dir, 'eqdkp_dump.sql');
    execFileSync('python3', [GENERATOR, '--seed', args.seed, '--scale', args.scale, '--prefix', args.prefix, '--out', dump], { stdio: 'ignore' }); // prettier-ignore
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const sourceRows = Object.values(expected.row_counts).reduce((a, b) => a + b, 0);
    const loadStarted = Date.now();
    await loadDump(dump);
    const loadMs = Date.now() - loadStarted;
    const databaseUrl = await freshPostgres();
    const reportPath = join(dir, 'report.json');
    const cli = join(resolve(args.dist), 'cli', 'import-eqdkp.js');
    const run = spawnSync(
      '/usr/bin/time',
      ['-v', process.execPath, ...heapArgs(), cli, '--mysql', `${MYSQL}/${DB}`, '--prefix', args.prefix, '--org', 'bench-guild',
        '--encryption-key', expected.config_php.encryptionKey, '--report', reportPath], // prettier-ignore
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', JOBS_ENABLED: 'false' },
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) throw new Error(`import failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    const time = parseTime(run.stderr);
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const result = {
      seed: args.seed,
      scale: args.scale,
      sourceRows,
      attendeeRows: expected.row_counts[`${args.prefix}raid_attendees`],
      mariadbLoadSeconds: loadMs / 1000,
      wallSeconds: time.wallSeconds,
      importSeconds: report.ms / 1000,
      maxHeapMb: args['max-heap'] ?? 'default',
      peakRssMb: Math.round(time.maxRssMb),
      balancesCompared: report.check.balancesCompared,
      differences: report.check.differences.length,
    };
    console.table([result]);
    if (result.differences) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
