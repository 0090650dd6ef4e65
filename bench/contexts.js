#!/usr/bin/env node
'use strict';
/**
 * The context benchmarks of `npm run bench` (issues 13, 14, 15): `node bench/contexts.js [fbo]
 * [brokerage] [starcorp]` (all when none is named), against real PostgreSQL.
 *
 * For each suite (bench/contexts/<name>.js):
 *   1. drops and creates the database `qm_bench_<name>` on DATABASE_URL's server
 *   2. runs `dist/cli/seed.js` (npm run seed:demo) into it: the migrations, and the context's demo org with its
 *      users (password quartermaster-demo) and demo data
 *   3. `suite.seed(ctx)`: bulk rows into that org by SQL (the sizes times
 *      BENCH_CONTEXT_SCALE, default 1), then VACUUM (ANALYZE)
 *   4. starts the API (bench/harness.js) and runs `suite.measure(ctx)`: wrk loads of
 *      BENCH_DURATION s (10) after a 2 s warm-up, 50 connections, and whatever the suite checks
 *   5. stops the API and writes bench/contexts-results.json and bench/CONTEXTS.md
 *
 * A suite module exports { name, title, orgSlug, seed(ctx), measure(ctx) }. `ctx` gives:
 *   pg            a pg Client on the suite's database (bulk SQL, counts, checks)
 *   orgId         the demo org's id; scale: BENCH_CONTEXT_SCALE
 *   log(...)      progress lines
 *   api           the ApiProcess (call(method, url, token, body, headers), base, pid)
 *   token(user)   a cached access token for a demo user name (password quartermaster-demo)
 *   read(name, paths, { token, headers })       a measured read load: a row in the results
 *   writes(name, requests, { token, headers })  a measured wrk write load: POSTs of { path,
 *                 body, headers? } requests in order (a request's own headers, e.g. an
 *                 Idempotency-Key, added to the common ones); answers counted by status and 409
 *                 type (row.counts): a row in the results
 *   timed(name, runs, fn)  `runs` sequential awaits of fn(i): median and p99 ms, a row
 *   row(name, { requests, reqPerSec, latencyMs: { p50, p99 }, counts })  a load the suite
 *                 drove itself (one wrk cannot send, e.g. requests that depend on earlier answers)
 *   note(text)    a line under the suite's table; problem(text) marks the run failed
 *   cli(script, args)  runs dist/cli/<script>.js over the suite's database: { exitCode, output }
 *   analyze()     VACUUM (ANALYZE) of the database
 *
 * Environment: DATABASE_URL (admin connection), BENCH_PORT (3100), BENCH_DURATION (10),
 * BENCH_CONNECTIONS (50), BENCH_CONTEXT_SCALE (1), BENCH_OUT_DIR (bench/), BENCH_API_DIR.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const harness = require('./harness');
const bench = require('./load');

const { log } = harness;
const ROOT = harness.ROOT;
const API_DIR = path.resolve(process.env.BENCH_API_DIR || ROOT);
const OUT_DIR = path.resolve(process.env.BENCH_OUT_DIR || path.join(ROOT, 'bench'));
const ADMIN_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT || 3100);
const DURATION = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const SCALE = Number(process.env.BENCH_CONTEXT_SCALE || 1);
const DEMO_PASSWORD = 'quartermaster-demo';
const SUITES = ['fbo', 'brokerage', 'starcorp'];

const perRequest = (ms, requests) => (requests ? Math.round((ms / requests) * 1000) / 1000 : null);

function cli(databaseUrl, script, args = []) {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync('node', [path.join('dist', 'cli', `${script}.js`), ...args], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, JOBS_ENABLED: 'false', LOG_LEVEL: 'warn', NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { exitCode: r.status, output: `${r.stdout}${r.stderr}` };
}

async function runSuite(suite, tool) {
  const database = `qm_bench_${suite.name}`;
  const url = harness.databaseUrl(ADMIN_URL, database);
  const result = { name: suite.name, title: suite.title, scale: SCALE, rows: [], notes: [], problems: [], seconds: {} };
  const t0 = Date.now();
  await harness.freshDatabase(ADMIN_URL, database);
  log(`${suite.name}: seed-demo into ${database}`);
  const seeded = cli(url, 'seed');
  if (seeded.exitCode !== 0) throw new Error(`seed-demo failed:\n${seeded.output.slice(-3000)}`);

  const { Client } = require('pg');
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const api = new harness.ApiProcess({ apiDir: API_DIR, port: PORT, databaseUrl: url });
  try {
    const { rows } = await pg.query('SELECT id FROM orgs WHERE slug = $1', [suite.orgSlug]);
    if (!rows.length) throw new Error(`seed-demo made no org ${suite.orgSlug}`);
    const tokens = new Map();
    const ctx = {
      pg,
      orgId: rows[0].id,
      scale: SCALE,
      log: (...args) => log(`${suite.name}:`, ...args),
      api,
      async token(username) {
        if (!tokens.has(username)) tokens.set(username, await api.login(username, DEMO_PASSWORD));
        return tokens.get(username);
      },
      async read(name, paths, { token, headers = {} } = {}) {
        const all = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers };
        const first = await fetch(`${api.base}${paths[0]}`, { headers: all });
        if (!first.ok) throw new Error(`${name}: ${paths[0]}: ${first.status} ${(await first.text()).slice(0, 300)}`);
        await first.arrayBuffer();
        const options = { base: api.base, paths, headers: all, connections: CONNECTIONS };
        await bench.load(tool, { ...options, duration: 2 });
        const cpuBefore = bench.cpuMs(api.pid);
        const r = await bench.load(tool, { ...options, duration: DURATION });
        const row = {
          name,
          kind: 'read',
          ...r,
          nodeCpuMsPerRequest: perRequest(bench.cpuMs(api.pid) - cpuBefore, r.requests),
        };
        if (r.non2xx || r.errors || r.timeouts)
          result.problems.push(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
        ctx.log(`${name}: ${r.reqPerSec} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms`);
        result.rows.push(row);
        return row;
      },
      async writes(name, requests, { token, headers = {} } = {}) {
        const all = {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        };
        const r = await bench.runWrkWrites({
          base: api.base,
          requests,
          headers: all,
          duration: DURATION,
          connections: CONNECTIONS,
        });
        const row = { name, kind: 'write', ...r };
        ctx.log(`${name}: ${r.reqPerSec} req/s, p99 ${r.latencyMs.p99} ms, answers ${JSON.stringify(r.counts)}`);
        result.rows.push(row);
        return row;
      },
      async timed(name, runs, fn) {
        const ms = [];
        for (let i = 0; i < runs; i++) {
          const t = process.hrtime.bigint();
          await fn(i);
          ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        ms.sort((a, b) => a - b);
        const round = (x) => Math.round(x * 10) / 10;
        const row = {
          name,
          kind: 'timed',
          runs,
          medianMs: round(harness.median(ms)),
          p99Ms: round(harness.percentile(ms, 99)),
        };
        ctx.log(`${name}: median ${row.medianMs} ms, p99 ${row.p99Ms} ms over ${runs} runs`);
        result.rows.push(row);
        return row;
      },
      /** A row measured by the suite's own driver (a load wrk cannot send): { requests, reqPerSec, latencyMs, counts }. */
      row(name, figures) {
        result.rows.push({ name, kind: 'driver', ...figures });
      },
      note: (text) => result.notes.push(text),
      problem: (text) => result.problems.push(text),
      cli: (script, args) => cli(url, script, args),
      analyze: () => pg.query('VACUUM (ANALYZE)'),
    };
    let t = Date.now();
    await suite.seed(ctx);
    await ctx.analyze();
    result.seconds.seed = Math.round((Date.now() - t) / 1000);
    ctx.log(`seeded in ${result.seconds.seed} s`);
    await api.start();
    t = Date.now();
    await suite.measure(ctx);
    result.seconds.measure = Math.round((Date.now() - t) / 1000);
    result.apiPeakRssMb = bench.peakRssMb(api.pid);
  } catch (error) {
    result.problems.push(`failed: ${error instanceof Error ? error.stack : error}`);
    const output = api.lastOutput();
    if (output) console.error(`--- API output (last lines) ---\n${output}`);
  } finally {
    await api.stop();
    await pg.end();
  }
  result.seconds.total = Math.round((Date.now() - t0) / 1000);
  return result;
}

function report(results) {
  const lines = ['# Context benchmarks (`node bench/contexts.js`, part of `npm run bench`)', ''];
  lines.push(
    `${results.date}, ${results.machine.nproc} CPUs (${results.machine.cpu}), ${results.machine.postgres}, ` +
      `load with ${results.loadTool}, ${CONNECTIONS} connections, ${DURATION} s per load after a 2 s warm-up, ` +
      `sizes × ${SCALE}. The absolute figures drift with the machine; compare rows of one run.`,
    '',
  );
  for (const s of results.suites) {
    lines.push(`## ${s.title}`, '');
    lines.push('| load | req/s | p50 ms | p99 ms | Node CPU ms/req | answers |', '|---|---:|---:|---:|---:|---|');
    for (const r of s.rows) {
      if (r.kind === 'timed') {
        lines.push(`| ${r.name} (${r.runs} sequential runs) | – | ${r.medianMs} (median) | ${r.p99Ms} | – | – |`);
        continue;
      }
      const answers = r.counts
        ? Object.entries(r.counts)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')
        : `non-2xx ${r.non2xx}, errors ${r.errors}`;
      lines.push(
        `| ${r.name} | ${r.reqPerSec} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.nodeCpuMsPerRequest ?? '–'} | ${answers} |`,
      );
    }
    lines.push('');
    for (const n of s.notes) lines.push(`- ${n}`);
    lines.push(
      `- API peak RSS ${s.apiPeakRssMb ?? '?'} MB; seeding ${s.seconds.seed ?? '?'} s, whole suite ${s.seconds.total} s.`,
    );
    for (const p of s.problems) lines.push(`- **problem:** ${p}`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const name of wanted)
    if (!SUITES.includes(name)) throw new Error(`unknown suite ${name} (${SUITES.join(', ')})`);
  harness.ensureBuild(API_DIR, ['cli/seed.js']);
  const tool = bench.loadTool(log);
  const results = {
    date: new Date().toISOString(),
    machine: {
      nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
      cpu: os.cpus()[0]?.model,
      postgres: await harness.withPg(
        ADMIN_URL,
        async (c) => (await c.query('SHOW server_version')).rows[0].server_version,
      ),
    },
    loadTool: tool,
    scale: SCALE,
    suites: [],
  };
  results.machine.postgres = `PostgreSQL ${results.machine.postgres}`;
  for (const name of wanted.length ? wanted : SUITES) {
    const suite = require(`./contexts/${name}`);
    results.suites.push(await runSuite(suite, tool));
  }
  results.ok = results.suites.every((s) => s.problems.length === 0);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'contexts-results.json'), JSON.stringify(results, null, 2) + '\n');
  const md = report(results);
  fs.writeFileSync(path.join(OUT_DIR, 'CONTEXTS.md'), md + '\n');
  console.log(`\n${md}`);
  if (!results.ok) {
    console.error('context benchmarks: problems (see above)');
    process.exitCode = 1;
  }
}

module.exports = { report };

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
