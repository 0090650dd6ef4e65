#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the DKP performance benchmark of issues 3 and 4, against real PostgreSQL.
 *
 *   1. generates bench/dataset.json if missing (../shared/bench/gen_dataset.py, see DATASET.md)
 *   2. builds (nest build) when src/ is newer than dist/
 *   3. drops and creates the database `qm_bench` on DATABASE_URL's server
 *      (default postgresql://postgres@127.0.0.1:5432/postgres) and runs bench:load into it
 *   4. starts the API (node dist/main.js, LOG_LEVEL=warn, jobs off, rate limit out of the way)
 *   5. with wrk (else autocannon), 50 connections, BENCH_DURATION s (10) each after a 2 s warm-up:
 *      leaderboard, balance by Discord id (rotating over the data set's 300 Discord ids), raid list,
 *      each on the API and then on the floor, in BENCH_ROUNDS (3) rounds; medians per system
 *   6. imports a 72-line EverQuest raid dump into 20 fresh raids, timing each import
 *   7. EXPLAINs the leaderboard and balance reads, adds 100,000 ledger rows (net zero per
 *      user, so balances stay right), and measures leaderboard and balance again
 *   8. live auctions: place-bid throughput and latency (wrk too, the requests written out beforehand) with 50 concurrent bidders (a bot key
 *      bidding by Discord id) on one sealed session, on 20 sealed sessions and on one open
 *      session (409 bid-too-low counted apart from errors); closes and awards the one-session
 *      auction and checks its single debit
 *   9. runs check:ledger over the grown ledger (and the auction's debit)
 *   9b. loads the data set once and ten times over into qm_bench_scale and reads the leaderboard with
 *      one connection on each (p50 at ten times the members against one time; BENCH_SCALE=0 skips it)
 *  10. prints a table and writes bench/results.json and bench/RESULTS.md
 * The server is always stopped at the end, on failure too.
 *
 * Environment: DATABASE_URL (admin connection; the database part is replaced by qm_bench),
 * BENCH_DB (qm_bench), BENCH_PORT (3100; the SQL counter listens on +1, the floor on +2),
 * BENCH_DURATION (10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_API_DIR (the checkout whose dist/ is
 * benchmarked, default this one; e.g. a `git worktree` of an older commit, built there, for a
 * before/after comparison with the same bench), BENCH_COMPARE (results.json files of earlier runs,
 * comma-separated: a before/after table each), BENCH_PROFILES (bench/profile.js outputs: the CPU
 * breakdown per route), BENCH_REPORT_ONLY (a results.json: only rewrite RESULTS.md from it),
 * BENCH_LOAD_TOOL (wrk or autocannon; default wrk
 * when installed), BENCH_LABEL (a name for the build, written into the results).
 * The embedded database is not supported here: figures are only meaningful on real Postgres.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const API_DIR = path.resolve(process.env.BENCH_API_DIR || ROOT);
const DATASET = path.join(ROOT, 'bench', 'dataset.json');
const OUT_DIR = path.resolve(process.env.BENCH_OUT_DIR || path.join(ROOT, 'bench'));
const GENERATOR = path.resolve(ROOT, '..', 'shared', 'bench', 'gen_dataset.py');
const ADMIN_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = process.env.BENCH_DB || 'qm_bench';
const PORT = Number(process.env.BENCH_PORT || 3100);
const DURATION = Number(process.env.BENCH_DURATION || 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const IMPORTS = 20;
const GROW_LEDGER_ROWS = 100_000;
const ORG = 'bench-guild';
const FLOOR_PORT = PORT + 2;
const STATEMENT_PROBES = 100;
/** The leaderboard is read again on this many times the data set's members (BENCH_SCALE=0 skips it). */
const LEADERBOARD_SCALE = 10;
const SCALE_SECONDS = 5;
const SCALE_ROUNDS = 3;
const BASE = `http://127.0.0.1:${PORT}`;
const FLOOR_BASE = `http://127.0.0.1:${FLOOR_PORT}`;
const ORG_API = `/api/v1/orgs/${ORG}/dkp`;

const harness = require('./harness');
const { log, run, withPg, median, percentile } = harness;
const freshDatabase = () => harness.freshDatabase(ADMIN_URL, BENCH_DB);
const benchUrl = harness.databaseUrl(ADMIN_URL, BENCH_DB);

function ensureDataset() {
  if (fs.existsSync(DATASET)) return;
  log(`generating ${path.relative(ROOT, DATASET)} with ${GENERATOR}`);
  run('python3', [GENERATOR, '--out', DATASET]);
}

function ensureBuild() {
  harness.ensureBuild(API_DIR, ['cli/bench-load.js', 'contexts/dkp/attendance/parsing/raid-dump.fixture.js']);
}

/** `bench:load` of the data set (`scale` times over) into the database at `url` (default qm_bench). */
function benchLoad(url = benchUrl, scale = 1) {
  log(`bench:load${scale === 1 ? '' : ` --scale ${scale}`} into ${new URL(url).pathname.slice(1)}`);
  const args = [path.join(API_DIR, 'dist/cli/bench-load.js'), '--dataset', DATASET];
  // Builds before the option existed take no --scale: scale 1 stays their command line.
  if (scale !== 1) args.push('--scale', String(scale));
  const r = run('node', args, {
    capture: true,
    cwd: API_DIR,
    env: { DATABASE_URL: url, JOBS_ENABLED: 'false', LOG_LEVEL: 'warn', NO_COLOR: '1' },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_LOAD_RESULT '));
  for (const l of r.stdout.split('\n')) if (/\[bench:load\]/.test(l)) console.log(l);
  if (!line) throw new Error('bench:load printed no result');
  return JSON.parse(line.slice('BENCH_LOAD_RESULT '.length));
}

const api = new harness.ApiProcess({ apiDir: API_DIR, port: PORT, databaseUrl: benchUrl });
const call = (method, url, token, body) => api.call(method, url, token, body);
const startServer = () => api.start();
const stopServer = () => api.stop();

const bench = require('./load');

let loadTool;
let monitor;
let floor;

/** The floor (bench/floor.js) on FLOOR_PORT over the bench database. */
async function startFloor() {
  log(`starting the floor (plain Fastify + pg) on port ${FLOOR_PORT}`);
  floor = spawn('node', [path.join(ROOT, 'bench', 'floor.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      BENCH_API_DIR: API_DIR,
      DATABASE_URL: benchUrl,
      PORT: String(FLOOR_PORT),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the floor did not start in 30 s: ${out}`)), 30_000);
    const onData = (chunk) => {
      out += chunk;
      if (out.includes('FLOOR_READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    floor.stdout.on('data', onData);
    floor.stderr.on('data', (chunk) => (out += chunk));
    floor.once('exit', (code) => reject(new Error(`the floor exited with ${code}: ${out}`)));
  });
}

async function stopFloor() {
  if (!floor || floor.exitCode !== null || floor.signalCode !== null) return;
  const exited = new Promise((resolve) => floor.once('exit', resolve));
  floor.kill('SIGTERM');
  const timer = setTimeout(() => floor.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const perRequest = (ms, requests) => (requests ? Math.round((ms / requests) * 1000) / 1000 : null);

/**
 * One read under load: a plain request first (a wrong path fails loudly instead of
 * benchmarking a 404), a 2 s warm-up, then BENCH_DURATION s measured, with the CPU of the
 * serving Node process and of the database's backends read before and after.
 */
async function measureRead(title, target, paths, duration = DURATION) {
  const first = await fetch(`${target.base}${paths[0]}`, { headers: target.headers });
  if (!first.ok) throw new Error(`${target.system} ${paths[0]}: ${first.status} ${(await first.text()).slice(0, 300)}`);
  await first.arrayBuffer().catch(() => undefined);
  const options = { base: target.base, paths, headers: target.headers, connections: CONNECTIONS };
  await bench.load(loadTool, { ...options, duration: 2 });
  const nodeBefore = bench.cpuMs(target.pid);
  const pgBefore = await bench.backendCpu(monitor, BENCH_DB);
  const r = await bench.load(loadTool, { ...options, duration });
  const nodeMs = bench.cpuMs(target.pid) - nodeBefore;
  const pgMs = bench.backendCpuDelta(pgBefore, await bench.backendCpu(monitor, BENCH_DB));
  const row = {
    name: title,
    system: target.system,
    tool: loadTool,
    connections: CONNECTIONS,
    durationS: duration,
    ...r,
    nodeCpuMsPerRequest: perRequest(nodeMs, r.requests),
    pgCpuMsPerRequest: perRequest(pgMs, r.requests),
  };
  log(
    `${target.system} ${title}: ${row.reqPerSec} req/s, p50 ${row.latencyMs.p50} ms, p99 ${row.latencyMs.p99} ms, CPU/request Node ${row.nodeCpuMsPerRequest} ms, PostgreSQL ${row.pgCpuMsPerRequest} ms, non-2xx ${row.non2xx}, errors ${row.errors}`,
  );
  return row;
}

/** SQL statements the API sends per request: STATEMENT_PROBES sequential `request()` calls, counted in the driver. */
async function statementsPerRequest(request) {
  const count = () => api.statements();
  // Requests still queued from the load just ended must not be counted: wait until the count stays put.
  let before = await count();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await count();
    if (now === before) break;
    before = now;
  }
  for (let i = 0; i < STATEMENT_PROBES; i++) await request(i);
  return Math.round((((await count()) - before) / STATEMENT_PROBES) * 100) / 100;
}

/** One GET of a read's paths, for `statementsPerRequest`. */
const readRequest = (paths, headers) => async (i) => {
  const res = await fetch(`${BASE}${paths[i % paths.length]}`, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${paths[i % paths.length]}: ${res.status}`);
};

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);

/**
 * BENCH_ROUNDS rounds (3), each running every read on the API and then on the floor, back to back,
 * so that the two systems are interleaved and drift of the machine hits both; per read, the
 * median of the rounds of each system and the ratios of those medians (issue 11's targets).
 */
async function benchReads(results, reads, apiTarget, floorTarget) {
  const runs = new Map(reads.map((read) => [read.name, { api: [], floor: [] }]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const read of reads) {
      const api = await measureRead(read.name, apiTarget, read.paths);
      const fl = await measureRead(read.name, floorTarget, read.paths);
      api.round = fl.round = round;
      runs.get(read.name).api.push(api);
      runs.get(read.name).floor.push(fl);
      results.http.push(api);
      results.floor.push(fl);
    }
  }
  for (const read of reads) {
    const { api, floor } = runs.get(read.name);
    const apiMedian = {
      ...medianOf(api),
      statementsPerRequest: await statementsPerRequest(readRequest(read.paths, apiTarget.headers)),
    };
    const floorMedian = { ...medianOf(floor), statementsPerRequest: 1 };
    const row = {
      name: read.name,
      rounds: api.length,
      api: apiMedian,
      floor: floorMedian,
      throughputRatio: ratio(apiMedian.reqPerSec, floorMedian.reqPerSec),
      p99Ratio: ratio(apiMedian.p99Ms, floorMedian.p99Ms),
    };
    results.comparison.push(row);
    log(
      `${read.name}: API ${row.throughputRatio} x the floor's throughput, p99 ${row.p99Ratio} x the floor's (medians of ${row.rounds} rounds)`,
    );
  }
}

/** The median of each figure over the rounds of one system and read. */
function medianOf(rows) {
  return {
    reqPerSec: median(rows.map((r) => r.reqPerSec)),
    p50Ms: median(rows.map((r) => r.latencyMs.p50)),
    p99Ms: median(rows.map((r) => r.latencyMs.p99)),
    nodeCpuMsPerRequest: median(rows.map((r) => r.nodeCpuMsPerRequest)),
    pgCpuMsPerRequest: median(rows.map((r) => r.pgCpuMsPerRequest)),
  };
}

function leaderboardPlanStatement(orgId, poolId) {
  const { LEADERBOARD_SQL } = require(path.join(API_DIR, 'dist', 'contexts', 'dkp', 'points', 'points.queries.js'));
  if (!LEADERBOARD_SQL) return null;
  return { sql: LEADERBOARD_SQL, params: [orgId, poolId, 50, 0, new Date(Date.now() - 30 * 86_400_000), new Date()] };
}
const BALANCE_SQL = `SELECT p.id, p.name, b.earned, b.spent, b.adjusted, b.decayed, b.balance
  FROM dkp_pools p LEFT JOIN dkp_balances b ON b.org_id = p.org_id AND b.pool_id = p.id AND b.user_id = $2
 WHERE p.org_id = $1 AND ($3::uuid IS NULL OR p.id = $3) ORDER BY p.name`;

async function explain(c, sql, params) {
  const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']);
}

/**
 * A write load: CONNECTIONS concurrent connections, request k going to `pathOf(k)` with
 * `bodyOf(k)`. Counts 409s by problem type apart from errors (in an open auction most concurrent
 * bids are rightly too low), and the Node and PostgreSQL CPU per request as for the reads. Then
 * STATEMENT_PROBES more writes one at a time, counted in the driver: statements per write.
 */
async function measureWrites(title, headers, { pathOf, bodyOf, duration = DURATION, extra = {} }) {
  const autocannon = require('autocannon');
  let n = 0;
  const counts = { created: 0, conflicts: {}, otherNon2xx: {} };
  const tally = (status, body) => {
    if (status === 201 || status === 200) counts.created++;
    else if (status === 409) {
      let type = 'unknown';
      try {
        type = JSON.parse(body).type.split('/').pop();
      } catch {
        // keep unknown
      }
      counts.conflicts[type] = (counts.conflicts[type] ?? 0) + 1;
    } else counts.otherNon2xx[status] = (counts.otherNon2xx[status] ?? 0) + 1;
  };
  const requests = [
    {
      method: 'POST',
      setupRequest: (req) => {
        const k = n++;
        return { ...req, path: pathOf(k), body: JSON.stringify(bodyOf(k)) };
      },
      onResponse: (status, body) => tally(status, body),
    },
  ];
  const opts = {
    url: BASE,
    connections: CONNECTIONS,
    headers: { ...headers, 'content-type': 'application/json' },
    requests,
  };
  // With wrk (C, like the reads) the requests are written out beforehand, more than the load can
  // send (wrk starts over at the end); autocannon builds each one in this process.
  const wrkLoad = async (seconds) => {
    const list = [];
    for (let i = 0; i < Math.max(20_000, seconds * 3_000); i++) {
      const k = n++;
      list.push({ path: pathOf(k), body: bodyOf(k) });
    }
    const w = await bench.runWrkWrites({
      base: BASE,
      requests: list,
      headers: opts.headers,
      duration: seconds,
      connections: CONNECTIONS,
    });
    for (const [key, count] of Object.entries(w.counts)) {
      if (key === '200' || key === '201') counts.created += count;
      else if (key.startsWith('409:')) counts.conflicts[key.slice(4)] = (counts.conflicts[key.slice(4)] ?? 0) + count;
      else counts.otherNon2xx[key] = (counts.otherNon2xx[key] ?? 0) + count;
    }
    return {
      requests: { total: w.requests, average: w.reqPerSec },
      latency: { p50: w.latencyMs.p50, p90: w.latencyMs.p90, p99: w.latencyMs.p99, max: w.latencyMs.max, average: NaN },
      errors: w.errors,
      timeouts: w.timeouts,
    };
  };
  const run = (seconds, label) =>
    loadTool === 'wrk' ? wrkLoad(seconds) : autocannon({ ...opts, duration: seconds, title: label });
  await run(2, `${title} (warm-up)`);
  for (const k of Object.keys(counts)) counts[k] = k === 'created' ? 0 : {};
  const nodeBefore = bench.cpuMs(api.pid);
  const pgBefore = await bench.backendCpu(monitor, BENCH_DB);
  const statementsBefore = await api.statements();
  const r = await run(duration, title);
  // Under load requests can share statements (bids placed in groups): counted over the load too.
  const statementsUnderLoad = perRequest((await api.statements()) - statementsBefore, r.requests.total);
  const nodeMs = bench.cpuMs(api.pid) - nodeBefore;
  const pgMs = bench.backendCpuDelta(pgBefore, await bench.backendCpu(monitor, BENCH_DB));
  const conflicts = Object.values(counts.conflicts).reduce((a, b) => a + b, 0);
  const errors = Object.values(counts.otherNon2xx).reduce((a, b) => a + b, 0);
  const statements = await statementsPerRequest(async () => {
    const k = n++;
    const res = await fetch(`${BASE}${pathOf(k)}`, {
      method: 'POST',
      headers: opts.headers,
      body: JSON.stringify(bodyOf(k)),
    });
    await res.arrayBuffer();
    if (res.status !== 201 && res.status !== 200) throw new Error(`${title}: ${res.status}`);
  });
  const row = {
    name: title,
    connections: CONNECTIONS,
    ...extra,
    durationS: duration,
    requests: r.requests.total,
    reqPerSec: Math.round(r.requests.average),
    acceptedPerSec: Math.round((counts.created / duration) * 10) / 10,
    accepted: counts.created,
    conflicts,
    conflictsByType: counts.conflicts,
    otherNon2xx: counts.otherNon2xx,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      avg: Math.round(r.latency.average * 100) / 100,
    },
    errors: r.errors + errors,
    timeouts: r.timeouts,
    statementsPerRequest: statements,
    statementsPerRequestUnderLoad: statementsUnderLoad,
    nodeCpuMsPerRequest: perRequest(nodeMs, r.requests.total),
    pgCpuMsPerRequest: perRequest(pgMs, r.requests.total),
  };
  log(
    `${title}: ${row.reqPerSec} req/s (${row.accepted} accepted, ${conflicts} 409 ${JSON.stringify(counts.conflicts)}), p50 ${row.latencyMs.p50} ms, p99 ${row.latencyMs.p99} ms, errors ${row.errors}, ${statements} statements/request alone, ${statementsUnderLoad} under load, CPU/request Node ${row.nodeCpuMsPerRequest} ms, PostgreSQL ${row.pgCpuMsPerRequest} ms`,
  );
  return row;
}

/** Place-bid load: each request a bid for one of `bidders` (Discord ids, the bot key bids on their behalf). */
function measureBids(title, botKey, { sessions, bidders, amountOf, duration = DURATION }) {
  return measureWrites(
    title,
    { 'x-api-key': botKey },
    {
      duration,
      pathOf: (k) => `${ORG_API}/bidding/sessions/${sessions[k % sessions.length]}/bids`,
      bodyOf: (k) => ({ amount: amountOf(k), discordId: bidders[k % bidders.length] }),
      extra: { bidders: bidders.length, sessions: sessions.length },
    },
  );
}

/**
 * Loot awards by an officer (the issue's write row): each request awards one of 100 item names
 * (found or added by name) to one of 50 main characters for 0.01 points, in the bench pool.
 */
async function benchAwards(results, token, pool, dataset) {
  const rich = new Set(
    [...dataset.expected_summaries]
      .sort((a, b) => Number(b.balance) - Number(a.balance))
      .slice(0, 50)
      .map((s) => s.user_id),
  );
  const winners = dataset.characters.filter((c) => c.is_main && rich.has(c.user_id)).map((c) => c.name);
  results.awards = await measureWrites(
    `award loot, ${winners.length} winners, 100 items`,
    { authorization: `Bearer ${token}` },
    {
      pathOf: () => `${ORG_API}/loot`,
      bodyOf: (k) => ({
        poolId: pool.id,
        characterName: winners[k % winners.length],
        itemName: `Bench Relic ${k % 100}`,
        amount: '0.01',
      }),
      extra: { winners: winners.length },
    },
  );
  if (results.awards.errors || results.awards.timeouts || results.awards.conflicts)
    results.problems.push(
      `${results.awards.name}: ${results.awards.errors} errors, ${results.awards.conflicts} conflicts`,
    );
}

/** Live auctions: sealed on one session and on 20, open on one; then close and award the single session and check its one debit. */
async function benchBidding(results, token, pool, dataset) {
  const BIDDERS = 50;
  const SPREAD = 20;
  const byBalance = [...dataset.expected_summaries].sort((a, b) => Number(b.balance) - Number(a.balance));
  const discordOf = new Map(dataset.users.map((u) => [u.id, u.discord_id]));
  const bidders = byBalance.slice(0, BIDDERS).map((s) => discordOf.get(s.user_id));
  const minBalance = Number(byBalance[BIDDERS - 1].balance);
  const bot = await call('POST', `/api/v1/orgs/${ORG}/bot-keys`, token, {
    name: 'bench auction bot',
    scopes: ['dkp:bidding'],
    rateLimitTier: 'standard',
  });
  const original = await call('GET', `${ORG_API}/pools/${pool.id}`, token);
  const start = (itemName) =>
    call('POST', `${ORG_API}/bidding/sessions`, token, {
      itemName,
      poolId: pool.id,
      minBid: '1',
      closesAt: new Date(Date.now() + 3600_000).toISOString(),
    });
  try {
    // Sessions copy the pool's rules when they start.
    await call('PATCH', `${ORG_API}/pools/${pool.id}`, token, { auctionMode: 'sealed', antiSnipeSeconds: 0 });
    const single = await start('Bench sealed drop');
    const spread = [];
    for (let i = 0; i < SPREAD; i++) spread.push((await start(`Bench sealed drop ${i + 1}`)).id);
    await call('PATCH', `${ORG_API}/pools/${pool.id}`, token, {
      auctionMode: 'open',
      minIncrement: '0.01',
      antiSnipeSeconds: 0,
    });
    const open = await start('Bench open drop');
    await call('PATCH', `${ORG_API}/pools/${pool.id}`, token, {
      auctionMode: original.auctionMode,
      minIncrement: original.minIncrement,
      antiSnipeSeconds: original.antiSnipeSeconds,
    });
    // Sealed: any amount from the minimum up is accepted; amounts still rise (1.00 + 0.01 per request, wrapping at 21.00), far below every bidder's balance.
    const sealedAmount = (k) => (1 + (k % 2000) / 100).toFixed(2);
    results.bidding = { bidders: BIDDERS, lowestBidderBalance: minBalance, rows: [] };
    results.bidding.rows.push(
      await measureBids(`place bid, sealed, ${BIDDERS} bidders, 1 session`, bot.key, {
        sessions: [single.id],
        bidders,
        amountOf: sealedAmount,
      }),
    );
    results.bidding.rows.push(
      await measureBids(`place bid, sealed, ${BIDDERS} bidders, ${SPREAD} sessions`, bot.key, {
        sessions: spread,
        bidders,
        amountOf: sealedAmount,
      }),
    );
    // Open: every request 0.01 above the previous one; only bids still above the leader when they get the session lock win.
    results.bidding.rows.push(
      await measureBids(`place bid, open, ${BIDDERS} bidders, 1 session`, bot.key, {
        sessions: [open.id],
        bidders,
        amountOf: (k) => ((100 + k) / 100).toFixed(2),
      }),
    );

    // Close and award the single sealed session: one winner, one debit.
    const t = performance.now();
    const closed = await call('POST', `${ORG_API}/bidding/sessions/${single.id}/close`, token);
    const closeMs = performance.now() - t;
    const t2 = performance.now();
    const awarded = await call('POST', `${ORG_API}/bidding/sessions/${single.id}/award`, token);
    const awardMs = performance.now() - t2;
    const again = await call('POST', `${ORG_API}/bidding/sessions/${single.id}/award`, token);
    const winner = awarded.winners[0];
    const debits = await withPg(
      benchUrl,
      async (c) => (await c.query(`SELECT amount FROM dkp_ledger WHERE loot_id = $1`, [winner.lootId])).rows,
    );
    results.bidding.award = {
      bidsInSession: closed.bidCount,
      winnerBid: winner.bid,
      price: winner.price,
      closeMs: Math.round(closeMs * 10) / 10,
      awardMs: Math.round(awardMs * 10) / 10,
      debitRows: debits.length,
      debit: debits[0]?.amount,
      secondAwardSameLoot: again.winners[0].lootId === winner.lootId,
    };
    log(
      `closed and awarded the 1-session auction (${closed.bidCount} bids): winner bid ${winner.bid}, ${debits.length} debit row(s) of ${debits[0]?.amount}; close ${results.bidding.award.closeMs} ms, award ${results.bidding.award.awardMs} ms`,
    );
    if (
      debits.length !== 1 ||
      Number(debits[0].amount) !== -Number(winner.price) ||
      !results.bidding.award.secondAwardSameLoot
    )
      results.problems.push('award of the benchmarked auction did not debit exactly once');
    for (const s of [...spread, open.id]) await call('POST', `${ORG_API}/bidding/sessions/${s}/cancel`, token);
  } finally {
    await call('PATCH', `${ORG_API}/pools/${pool.id}`, token, {
      auctionMode: original.auctionMode,
      minIncrement: original.minIncrement,
      antiSnipeSeconds: original.antiSnipeSeconds,
    }).catch(() => undefined);
  }
  for (const row of results.bidding.rows) {
    if (row.errors || row.timeouts)
      results.problems.push(`${row.name}: ${row.errors} errors, ${row.timeouts} timeouts`);
    const unexpected = Object.keys(row.conflictsByType).filter(
      (k) => k !== 'bid-too-low' && k !== 'bid-exceeds-balance',
    );
    if (unexpected.length) results.problems.push(`${row.name}: unexpected 409s ${unexpected.join(', ')}`);
  }
  if (!results.bidding.rows[0].accepted) results.problems.push('no sealed bid was accepted');
}

async function main() {
  const t0 = Date.now();
  const results = {
    date: new Date().toISOString(),
    machine: {},
    load: null,
    label: process.env.BENCH_LABEL || null,
    apiDir: API_DIR,
    loadTool: null,
    http: [],
    floor: [],
    comparison: [],
    apiPeakRssAfterReadsMb: null,
    apiPeakRssMb: null,
    awards: null,
    bidding: null,
    import72: null,
    plans: {},
    grownLedger: null,
    checkLedger: null,
    ok: false,
    problems: [],
  };
  results.machine = {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };

  ensureDataset();
  const dataset = JSON.parse(fs.readFileSync(DATASET, 'utf8'));
  if (dataset.format !== 'dkp-bench-dataset/1') throw new Error(`unsupported data set format ${dataset.format}`);
  ensureBuild();
  results.machine.postgres = await freshDatabase();
  results.load = benchLoad();

  loadTool = bench.loadTool(log);
  results.loadTool = loadTool;
  monitor = new (require('pg').Client)({ connectionString: benchUrl });
  await monitor.connect();
  await startServer();
  await startFloor();
  const { accessToken: token } = await call('POST', '/api/v1/auth/login', null, {
    username: 'bench-officer',
    password: 'bench-officer-password',
  });
  // Older builds (a BENCH_API_DIR before/after run) answered lists as bare arrays.
  const poolList = await call('GET', `${ORG_API}/pools?limit=200`, token);
  const pools = poolList.items ?? poolList;
  const pool = pools.find((p) => p.name === dataset.pools[0].name) ?? pools[0];
  const events = await call('GET', `${ORG_API}/events?limit=100`, token);
  const event = (events.items ?? events)[0];
  const discordIds = dataset.users.map((u) => u.discord_id);
  const reads = [
    { name: 'leaderboard', paths: [`${ORG_API}/points/leaderboard/${pool.id}`] },
    { name: 'balance by Discord id', paths: discordIds.map((d) => `${ORG_API}/discord/users/${d}/balance`) },
    { name: 'raid list (limit=50)', paths: [`${ORG_API}/raids?limit=50`] },
  ];
  const apiTarget = { system: 'API', base: BASE, pid: api.pid, headers: { authorization: `Bearer ${token}` } };
  const floorTarget = { system: 'floor', base: FLOOR_BASE, pid: floor.pid, headers: {} };

  log(`data set: ${dataset.counts.users} users, ${dataset.counts.attendance} attendance rows; pool ${pool.id}`);
  await benchReads(results, reads, apiTarget, floorTarget);
  results.apiPeakRssAfterReadsMb = bench.peakRssMb(api.pid);
  await stopFloor();

  // A 72-line Live raid dump into a fresh raid, IMPORTS times.
  const { liveRaidDump } = require(
    path.join(API_DIR, 'dist', 'contexts', 'dkp', 'attendance', 'parsing', 'raid-dump.fixture.js'),
  );
  const mains = dataset.characters.filter((c) => c.is_main).map((c) => c.name);
  const importMs = [];
  const createMs = [];
  for (let i = 0; i < IMPORTS; i++) {
    const names = Array.from({ length: 72 }, (_, k) => mains[(i * 37 + k) % mains.length]);
    let t = performance.now();
    const raid = await call('POST', `${ORG_API}/raids`, token, {
      eventId: event.id,
      startsAt: new Date(Date.now() - (IMPORTS - i) * 60_000).toISOString(),
      notes: `bench import ${i + 1}`,
    });
    createMs.push(performance.now() - t);
    t = performance.now();
    const result = await call('POST', `${ORG_API}/raids/${raid.id}/attendance/import`, token, {
      text: liveRaidDump(names),
    });
    importMs.push(performance.now() - t);
    if (result.awarded.length !== 72 || result.unknown.length)
      throw new Error(`import ${i + 1}: awarded ${result.awarded.length}, unknown ${result.unknown.join(', ')}`);
  }
  const sortedImports = [...importMs].sort((a, b) => a - b);
  const round = (x) => Math.round(x * 10) / 10;
  results.import72 = {
    runs: IMPORTS,
    lines: 72,
    awardedPerRun: 72,
    medianMs: round(percentile(sortedImports, 50)),
    p99Ms: round(percentile(sortedImports, 99)),
    minMs: round(sortedImports[0]),
    maxMs: round(sortedImports.at(-1)),
    createRaidMedianMs: round(
      percentile(
        [...createMs].sort((a, b) => a - b),
        50,
      ),
    ),
  };
  log(
    `72-line raid dump import: median ${results.import72.medianMs} ms, p99 ${results.import72.p99Ms} ms (${IMPORTS} runs)`,
  );

  // Plans, then a ledger twice as big, then the same reads again.
  await withPg(benchUrl, async (c) => {
    const [{ id: orgId }] = (await c.query('SELECT id FROM orgs WHERE slug = $1', [ORG])).rows;
    const [{ id: someUser }] = (
      await c.query('SELECT user_id AS id FROM dkp_balances WHERE org_id = $1 ORDER BY balance DESC LIMIT 1', [orgId])
    ).rows;
    const ledgerBefore = Number((await c.query('SELECT count(*) FROM dkp_ledger')).rows[0].count);
    const leaderboard = leaderboardPlanStatement(orgId, pool.id);
    results.plans.leaderboardBefore = leaderboard ? await explain(c, leaderboard.sql, leaderboard.params) : null;
    results.plans.balanceBefore = await explain(c, BALANCE_SQL, [orgId, someUser, null]);
    log(`adding ${GROW_LEDGER_ROWS} ledger rows (pairs of +1.00/-1.00 adjustments, balances unchanged)`);
    const t = Date.now();
    await c.query(
      `WITH u AS (SELECT user_id, (row_number() OVER (ORDER BY user_id) - 1)::int AS n, count(*) OVER ()::int AS users
                    FROM dkp_balances WHERE org_id = $1 AND pool_id = $2)
       INSERT INTO dkp_ledger (org_id, pool_id, user_id, kind, bucket, amount, reason, source, created_at)
       SELECT $1, $2, u.user_id, 'adjustment', 'adjusted', CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END, 'bench filler', 'bench',
              timestamptz '2024-01-01' + g * interval '10 minutes'
         FROM generate_series(0, $3::int - 1) g JOIN u ON u.n = (g / 2) % u.users`,
      [orgId, pool.id, GROW_LEDGER_ROWS],
    );
    await c.query('VACUUM (ANALYZE) dkp_ledger');
    const ledgerAfter = Number((await c.query('SELECT count(*) FROM dkp_ledger')).rows[0].count);
    results.plans.leaderboardAfter = leaderboard ? await explain(c, leaderboard.sql, leaderboard.params) : null;
    results.plans.balanceAfter = await explain(c, BALANCE_SQL, [orgId, someUser, null]);
    results.plans.ledgerTouched = [
      results.plans.leaderboardBefore,
      results.plans.leaderboardAfter,
      results.plans.balanceBefore,
      results.plans.balanceAfter,
    ]
      .flat()
      .some((l) => l?.includes('dkp_ledger'));
    results.grownLedger = { ledgerRowsBefore: ledgerBefore, ledgerRowsAfter: ledgerAfter, insertMs: Date.now() - t };
  });
  const leaderboardPlan = results.plans.leaderboardAfter?.join('\n  ') ?? '(not exported by this build)';
  console.log('\nEXPLAIN leaderboard (after growing the ledger):\n  ' + leaderboardPlan);
  console.log('\nEXPLAIN balance (after growing the ledger):\n  ' + results.plans.balanceAfter.join('\n  ') + '\n');
  const grown = `${results.grownLedger.ledgerRowsAfter} ledger rows`;
  results.http.push(await measureRead(`leaderboard, ${grown}`, apiTarget, reads[0].paths));
  results.http.push(await measureRead(`balance by Discord id, ${grown}`, apiTarget, reads[1].paths));

  await benchAwards(results, token, pool, dataset);
  await benchBidding(results, token, pool, dataset);
  results.apiPeakRssMb = bench.peakRssMb(api.pid);

  await stopServer();
  await monitor.end();
  log('check:ledger');
  const t = Date.now();
  const check = spawnSync('node', ['dist/cli/check-ledger.js'], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: benchUrl, JOBS_ENABLED: 'false', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const summary = `${check.stdout}${check.stderr}`
    .split('\n')
    .filter((l) => /\[check:ledger\]/.test(l))
    .map((l) => l.replace(/^.*\[check:ledger\]\s*/, ''))
    .join(' | ');
  results.checkLedger = { exitCode: check.status, ms: Date.now() - t, summary };
  log(`check:ledger: exit ${check.status}: ${summary}`);

  if (process.env.BENCH_SCALE !== '0') await benchLeaderboardScale(results);

  if (results.plans.ledgerTouched) results.problems.push('a leaderboard or balance plan reads dkp_ledger');
  for (const h of [...results.http, ...results.floor])
    if (h.non2xx || h.errors || h.timeouts)
      results.problems.push(`${h.system} ${h.name}: ${h.non2xx} non-2xx, ${h.errors} errors, ${h.timeouts} timeouts`);
  if (check.status !== 0) results.problems.push('check:ledger found mismatches');
  results.ok = results.problems.length === 0;
  results.machine.loadAvgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results.totalS = Math.round((Date.now() - t0) / 1000);
  return results;
}

/**
 * Issue 11, item 3: the leaderboard reads its page only, so its latency must not follow the
 * pool's size. The data set is loaded once and ten times over (`bench:load --scale`) into two
 * databases of their own, each served by an API of its own; after both loads (and a checkpoint,
 * so that their writes are not flushed during the measurement) the first page is read by one
 * connection on each in turn, SCALE_ROUNDS rounds of SCALE_SECONDS s alternating which goes first
 * (after a 2 s warm-up each): medians. Measured in turns, a slower minute of the machine falls on
 * both sides instead of on one: p50 at ten times the members within 1.5 times the p50 at one time.
 */
async function benchLeaderboardScale(results) {
  const targets = [];
  try {
    for (const [i, scale] of [1, LEADERBOARD_SCALE].entries()) {
      const database = `${BENCH_DB}_scale${scale}`;
      const url = harness.databaseUrl(ADMIN_URL, database);
      await harness.freshDatabase(ADMIN_URL, database);
      const target = { scale, database, runs: [] };
      targets.push(target);
      benchLoad(url, scale);
      // Each API also takes the next port for its SQL counter.
      target.api = new harness.ApiProcess({ apiDir: API_DIR, port: PORT + 10 + 2 * i, databaseUrl: url });
      await target.api.start();
      const { accessToken } = await target.api.call('POST', '/api/v1/auth/login', null, {
        username: 'bench-officer',
        password: 'bench-officer-password',
      });
      const poolList = await target.api.call('GET', `${ORG_API}/pools?limit=200`, accessToken);
      const [pool] = poolList.items ?? poolList;
      target.members = await withPg(url, async (c) => {
        const { rows: counted } = await c.query('SELECT count(*)::int AS n FROM dkp_balances WHERE pool_id = $1', [
          pool.id,
        ]);
        return counted[0].n;
      });
      target.options = {
        base: target.api.base,
        paths: [`${ORG_API}/points/leaderboard/${pool.id}`],
        headers: { authorization: `Bearer ${accessToken}` },
        connections: 1,
      };
    }
    await withPg(ADMIN_URL, (c) => c.query('CHECKPOINT'));
    for (const target of targets) await bench.load(loadTool, { ...target.options, duration: 2 });
    for (let round = 0; round < SCALE_ROUNDS; round++) {
      for (const target of round % 2 ? [...targets].reverse() : targets) {
        const r = await bench.load(loadTool, { ...target.options, duration: SCALE_SECONDS });
        target.runs.push(r);
        log(
          `leaderboard, ${target.members} members, 1 connection, round ${round + 1}: p50 ${r.latencyMs.p50} ms, ${r.reqPerSec} req/s`,
        );
      }
    }
  } finally {
    for (const target of targets) await target.api?.stop();
    for (const target of targets)
      await withPg(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${target.database} WITH (FORCE)`));
  }
  const mid = (values) => median(values.map(Number));
  const rows = targets.map((t) => ({
    scale: t.scale,
    members: t.members,
    reqPerSec: Math.round(mid(t.runs.map((r) => r.reqPerSec))),
    p50Ms: mid(t.runs.map((r) => r.latencyMs.p50)),
    p99Ms: mid(t.runs.map((r) => r.latencyMs.p99)),
    non2xx: t.runs.reduce((sum, r) => sum + (r.non2xx ?? 0), 0),
    rounds: t.runs.map((r) => r.latencyMs.p50),
  }));
  results.leaderboardScale = { rows, p50Ratio: ratio(rows[1].p50Ms, rows[0].p50Ms), target: 1.5 };
  if (rows.some((x) => x.non2xx)) results.problems.push('leaderboard at scale: non-2xx answers');
}

/** The report's section for `benchLeaderboardScale`. */
function leaderboardScaleSection(results) {
  const s = results.leaderboardScale;
  if (!s) return [];
  return [
    '## The leaderboard at ten times the members',
    '',
    `The data set loaded once and ${LEADERBOARD_SCALE} times over (\`bench:load --scale\`, two databases, an API on each), the first page of 50 read by one connection on each in turn, ${SCALE_ROUNDS} rounds of ${SCALE_SECONDS} s (after a 2 s warm-up), medians. Issue 11's target: p50 at ten times the members within ${s.target} × the p50 at one time. Ratio: **${s.p50Ratio}** (${s.p50Ratio !== null && s.p50Ratio <= s.target ? 'met' : 'missed'}).`,
    '',
    '| members in the pool | req/s (1 connection) | p50 ms | p99 ms | p50 ms of each round |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...s.rows.map(
      (x) => `| ${x.members} | ${x.reqPerSec} | ${x.p50Ms} | ${x.p99Ms} | ${x.rounds?.join(' / ') ?? '–'} |`,
    ),
    '',
  ];
}

function table(results) {
  const lines = [];
  lines.push(
    '| system | read | round | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | non-2xx | CPU ms/request Node | CPU ms/request PostgreSQL |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const h of [...results.http, ...results.floor])
    lines.push(
      `| ${h.system} | ${h.name} | ${h.round ?? '–'} | ${h.reqPerSec} | ${h.latencyMs.p50} | ${h.latencyMs.p90 ?? '–'} | ${h.latencyMs.p99} | ${h.latencyMs.max} | ${h.requests} | ${h.non2xx} | ${h.nodeCpuMsPerRequest ?? '–'} | ${h.pgCpuMsPerRequest ?? '–'} |`,
    );
  return lines.join('\n');
}

/** Per read: the API next to the floor, and the ratios the targets of issue 11 are stated in. */
function comparisonTable(results) {
  const lines = [];
  lines.push(
    '| read | API req/s | floor req/s | API / floor throughput | API p99 ms | floor p99 ms | API / floor p99 | SQL statements per request API / floor | Node CPU ms/request API / floor | PostgreSQL CPU ms/request API / floor |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of results.comparison)
    lines.push(
      `| ${c.name} | ${c.api.reqPerSec} | ${c.floor.reqPerSec} | **${c.throughputRatio}** | ${c.api.p99Ms} | ${c.floor.p99Ms} | **${c.p99Ratio}** | ${c.api.statementsPerRequest} / ${c.floor.statementsPerRequest} | ${c.api.nodeCpuMsPerRequest} / ${c.floor.nodeCpuMsPerRequest} | ${c.api.pgCpuMsPerRequest} / ${c.floor.pgCpuMsPerRequest} |`,
    );
  return lines.join('\n');
}

/** Before (BENCH_COMPARE's results.json, another build benchmarked by this same script) and after. */
function beforeAfterTable(before, after) {
  const lines = [];
  lines.push(
    '| read | req/s before → after | API / floor throughput before → after | p99 ms before → after | API / floor p99 before → after | SQL statements per request before → after | Node CPU ms/request before → after | PostgreSQL CPU ms/request before → after |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const a of after.comparison) {
    const b = before.comparison.find((x) => x.name === a.name);
    if (!b) continue;
    lines.push(
      `| ${a.name} | ${b.api.reqPerSec} → ${a.api.reqPerSec} | ${b.throughputRatio} → ${a.throughputRatio} | ${b.api.p99Ms} → ${a.api.p99Ms} | ${b.p99Ratio} → ${a.p99Ratio} | ${b.api.statementsPerRequest} → ${a.api.statementsPerRequest} | ${b.api.nodeCpuMsPerRequest} → ${a.api.nodeCpuMsPerRequest} | ${b.api.pgCpuMsPerRequest} → ${a.api.pgCpuMsPerRequest} |`,
    );
  }
  const bids = (r) => r.bidding?.rows?.map((x) => x.reqPerSec).join(' / ') ?? '–';
  // Writes: req/s, their ratio to the same run's leaderboard reads (the issue's target), statements.
  const leaderboardOf = (r) => r.comparison.find((c) => c.name === 'leaderboard')?.api.reqPerSec;
  const write = (r, w) =>
    w ? `${w.reqPerSec} (${ratio(w.reqPerSec, leaderboardOf(r)) ?? '–'} of the leaderboard)` : '–';
  const bidRatios = (r) => r.bidding?.rows?.map((x) => ratio(x.reqPerSec, leaderboardOf(r)) ?? '–').join(' / ') ?? '–';
  lines.push(
    `| award loot req/s | ${write(before, before.awards)} → ${write(after, after.awards)} | | | | ${before.awards?.statementsPerRequest ?? '–'} → ${after.awards?.statementsPerRequest ?? '–'} | ${before.awards?.nodeCpuMsPerRequest ?? '–'} → ${after.awards?.nodeCpuMsPerRequest ?? '–'} | ${before.awards?.pgCpuMsPerRequest ?? '–'} → ${after.awards?.pgCpuMsPerRequest ?? '–'} |`,
  );
  lines.push(`| place bid req/s (1 session / 20 sessions / open) | ${bids(before)} → ${bids(after)} | | | | | | |`);
  lines.push(
    `| place bid / leaderboard req/s (1 session / 20 sessions / open) | ${bidRatios(before)} → ${bidRatios(after)} | | | | ${before.bidding?.rows?.[0]?.statementsPerRequest ?? '–'} → ${after.bidding?.rows?.[0]?.statementsPerRequest ?? '–'} | | |`,
  );
  lines.push(`| API peak RSS MB | ${before.apiPeakRssMb ?? '–'} → ${after.apiPeakRssMb ?? '–'} | | | | | | |`);
  return lines.join('\n');
}

/** The write loads (loot awards, then the bids), with the ratio of their throughput to the same run's leaderboard reads. */
function writeTable(results) {
  const rows = [results.awards, ...(results.bidding?.rows ?? [])].filter(Boolean);
  if (!rows.length) return '(not run)';
  const leaderboard = results.comparison.find((c) => c.name === 'leaderboard')?.api.reqPerSec;
  const lines = [];
  lines.push(
    '| run | req/s | / leaderboard req/s | accepted/s | p50 ms | p90 ms | p99 ms | max ms | requests | 409 bid-too-low | 409 bid-exceeds-balance | errors | SQL statements per write, alone / under load | Node CPU ms/request | PostgreSQL CPU ms/request |',
  );
  lines.push(
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.reqPerSec} | **${ratio(r.reqPerSec, leaderboard) ?? '–'}** | ${r.acceptedPerSec} | ${r.latencyMs.p50} | ${r.latencyMs.p90} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.requests} | ${r.conflictsByType['bid-too-low'] ?? 0} | ${r.conflictsByType['bid-exceeds-balance'] ?? 0} | ${r.errors + r.timeouts} | ${r.statementsPerRequest ?? '–'} / ${r.statementsPerRequestUnderLoad ?? '–'} | ${r.nodeCpuMsPerRequest ?? '–'} | ${r.pgCpuMsPerRequest ?? '–'} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The Node CPU breakdown per route, from `bench/profile.js` (BENCH_PROFILES: its PROFILE_OUT
 * files, one per build, e.g. before,after): shares of the busy samples under load.
 */
function profileSection() {
  const files = (process.env.BENCH_PROFILES || '').split(',').filter(Boolean);
  if (!files.length) return [];
  const builds = files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
  const lines = [
    '### Node CPU breakdown per route',
    '',
    `V8 CPU profiles (\`bench/profile.js\`: \`node --cpu-prof dist/main.js\`, each read alone under wrk, 50 connections, ${builds[0].seconds} s after a 2 s warm-up; only the samples of the measured load, idle excluded). Each cell: share of the busy samples; the CPU per request was measured with the profiler on (higher than in the tables above). Builds: ${builds.map((b, i) => `(${i + 1}) ${b.label}`).join('; ')}.`,
    '',
  ];
  for (const route of builds[0].routes.map((r) => r.route)) {
    const runs = builds.map((b) => b.routes.find((r) => r.route === route));
    const names = [...new Set(runs.flatMap((r) => r?.categories.map((c) => c.name) ?? []))];
    const share = (r, name) => {
      const c = r?.categories.find((x) => x.name === name);
      return c ? `${(c.share * 100).toFixed(1)} %` : '–';
    };
    lines.push(`**${route}**: Node CPU ms/request ${runs.map((r) => r?.nodeCpuMsPerRequest ?? '–').join(' → ')}`, '');
    lines.push(`| category | ${builds.map((_, i) => `(${i + 1})`).join(' | ')} |`);
    lines.push(`| --- | ${builds.map(() => '---:').join(' | ')} |`);
    for (const name of names) lines.push(`| ${name} | ${runs.map((r) => share(r, name)).join(' | ')} |`);
    lines.push('');
  }
  return lines;
}

function writeReports(results) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const befores = (process.env.BENCH_COMPARE || '')
    .split(',')
    .filter(Boolean)
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
  const m = results.machine;
  const i = results.import72;
  const md = [
    '# DKP benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.js) on ${results.date}. ${results.ok ? 'All checks passed.' : `**Problems:** ${results.problems.join('; ')}`}`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGb} GB, ${m.platform}; Node ${m.node}; ${m.postgres?.split(' on ')[0] ?? 'PostgreSQL'} on the same machine.`,
    `The API (one Node process), PostgreSQL and the load generator (${results.loadTool ?? 'autocannon'}${results.loadTool === 'wrk' ? ', 2 threads, reads and writes' : ''}) share these CPUs, so absolute figures drift with the machine: the ratios to the floor, measured back to back in the same run, are what to compare. Load average (1/5/15 min) ${m.loadAvgAtStart?.join(' / ')} at the start, ${m.loadAvgAtEnd?.join(' / ')} at the end (anything above the bench's own load is other work on the machine).`,
    '',
    `Data set: \`dkp-bench-dataset/1\` (300 users, 600 characters, 2,000 raids, 100,000 attendance rows, 5,000 loot awards, 2,000 adjustments; 107,000 ledger rows).`,
    results.load
      ? `Load (\`npm run bench:load\`): ${results.load.loadMs} ms in one transaction, ${results.load.balancesChecked} balances equal to \`expected_summaries\`, VACUUM (ANALYZE) ${results.load.analyzeMs} ms.`
      : '',
    '',
    `Build benchmarked: ${results.label ? `${results.label}, ` : ''}\`${results.apiDir}/dist\`.`,
    '',
    `## Reads: the API against its floor, ${CONNECTIONS} connections, ${DURATION} s each (after a 2 s warm-up)`,
    '',
    "The floor (`bench/floor.js`) is plain Fastify + pg (pool of 10, like the API) over the same database, at the same paths, answering each read with one SQL statement and no authentication; each read runs on the API and then on the floor, back to back. SQL statements per request: the API's, counted in the pg driver (`bench/sql-counter.js`, preloaded) over 100 sequential requests. CPU per request: user + system time of the serving Node process, and of the PostgreSQL backends connected to the bench database, from `/proc/<pid>/stat` before and after the measured load, divided by the requests served.",
    '',
    comparisonTable(results),
    '',
    `API peak RSS (VmHWM): ${results.apiPeakRssAfterReadsMb ?? '–'} MB after the reads, ${results.apiPeakRssMb ?? '–'} MB at the end of the run (after the place-bid loads).`,
    '',
    ...befores.flatMap((before) => [
      `### Before and after (${before.label ?? before.apiDir} → ${results.label ?? results.apiDir})`,
      '',
      `Both runs by this script on this machine; "before" ran on ${before.date} (load average at its start ${before.machine?.loadAvgAtStart?.join(' / ')}).`,
      '',
      beforeAfterTable(before, results),
      '',
    ]),
    ...profileSection(),
    '### Every load',
    '',
    table(results),
    '',
    'Balance by Discord id rotates over the 300 Discord ids of the data set.',
    '',
    `## Writes: loot awards and bids, ${CONNECTIONS} connections, ${DURATION} s each (after a 2 s warm-up)`,
    '',
    "Issue 11's table had the loot award at 149 req/s against 353 for the leaderboard (0.42 of the reads); its target is twice that ratio, 0.84 of the same run's leaderboard throughput.",
    '',
    writeTable(results),
    '',
    results.awards
      ? `Loot awards are posted by an officer (bearer token) for 0.01 points each to the main characters of the ${results.awards.winners} data-set users with the highest balances, rotating over 100 item names (found by name, added the first time). Alone, an award is one transaction: its references with the winner's balance row locked (one statement), the loot row, the ledger row with the balance move (one statement) and the audit row (6 statements with BEGIN/COMMIT). Under load, the org's awards that arrive while a transaction of its awards runs are made together in the next one (\`TransactionGroups\`, judged in arrival order): the same statements, each for the whole group, hence the statements per award under load.`
      : '',
    '',
    results.bidding
      ? `Bids are placed by a bot key (scope \`dkp:bidding\`) on behalf of the ${results.bidding.bidders} data-set users with the highest balances (lowest ${results.bidding.lowestBidderBalance}), by Discord id, rotating per request, with amounts that rise by 0.01 every request. Sealed runs: any amount from the minimum up is accepted (1.00-21.00), so nearly every request is a committed bid. Alone, a bid locks the session row, then (one statement) the bidder's balance row with the session's counting bids, reads the bidder's commitments in the pool's other sessions, inserts, and writes its audit row, all in one transaction (8 statements with BEGIN/COMMIT, plus the member lookup by Discord id before it). Under load, the org's bids that arrive while a transaction of its bids runs are placed together in the next one (\`TransactionGroups\`, judged in arrival order): one round of locks, reads and inserts for the group, on one session or on 20. Open run: 50 connections race for one session with rising amounts; a bid that is no longer above the leader by the increment when it gets the lock is refused with 409 \`bid-too-low\` (counted apart; not errors), which is the expected outcome of a live open auction. 409 \`bid-exceeds-balance\` would be a bidder whose leads in other sessions used up their points. Errors are any other non-2xx, connection errors and timeouts.`
      : '',
    '',
    results.bidding?.award
      ? `Then the one-session sealed auction (${results.bidding.award.bidsInSession} bids) was closed in ${results.bidding.award.closeMs} ms and awarded in ${results.bidding.award.awardMs} ms: winning bid ${results.bidding.award.winnerBid}, price ${results.bidding.award.price}, ${results.bidding.award.debitRows} ledger debit row (${results.bidding.award.debit}); awarding again returned the same loot award (${results.bidding.award.secondAwardSameLoot}). The other sessions were cancelled. \`check:ledger\` below runs after this.`
      : '',
    '',
    ...leaderboardScaleSection(results),
    '## Importing a 72-line raid dump',
    '',
    i
      ? `EverQuest Live raid window dump (72 members, 9 tab-separated fields), \`POST .../raids/{id}/attendance/import\` into a fresh raid, ${i.runs} runs: median **${i.medianMs} ms**, p99 ${i.p99Ms} ms (min ${i.minMs}, max ${i.maxMs}); 72 users credited each time. Creating the raid: median ${i.createRaidMedianMs} ms.`
      : '(not run)',
    '',
    '## Reads do not grow with the ledger',
    '',
    results.grownLedger
      ? `After the reads above the ledger was grown from ${results.grownLedger.ledgerRowsBefore} to ${results.grownLedger.ledgerRowsAfter} rows (+1.00/-1.00 adjustment pairs, balances unchanged) and the leaderboard and balance reads were measured again (last two rows of the table). ${results.plans.ledgerTouched ? '**A plan reads dkp_ledger.**' : 'Neither plan touches `dkp_ledger`: both read `dkp_balances` (one row per user and pool).'} The leaderboard reads only its page of \`dkp_balances\` (\`ix_dkp_balances_leaderboard\` in index order, LIMIT), the pool's size from \`dkp_pool_balance_counts\` and the pool's attendance window with it (one statement); ranks come from the page's position. The balance-by-Discord-id endpoint reads only \`dkp_balances\` (one row per pool); attendance rates are on \`points/users/{userId}\`, not on this bot path. The leaderboard plan after growing the ledger:`
      : '',
    '',
    '```',
    ...(results.plans.leaderboardAfter ?? []),
    '```',
    '',
    'Balance row lookup (PointsService.poolPoints) after growing the ledger:',
    '',
    '```',
    ...(results.plans.balanceAfter ?? []),
    '```',
    '',
    results.checkLedger
      ? `\`check:ledger\` over the grown ledger: exit ${results.checkLedger.exitCode} in ${results.checkLedger.ms} ms (including app start): ${results.checkLedger.summary}`
      : '',
    '',
    `Whole run: ${results.totalS} s.`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(OUT_DIR, 'RESULTS.md'), md);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping`);
    Promise.all([stopServer(), stopFloor()]).finally(() => process.exit(130));
  });
}

if (process.env.BENCH_REPORT_ONLY) {
  // Rewrites RESULTS.md from a results.json of an earlier run (e.g. with other comparisons or profiles).
  writeReports(JSON.parse(fs.readFileSync(process.env.BENCH_REPORT_ONLY, 'utf8')));
  console.log(`wrote ${OUT_DIR}/results.json and RESULTS.md from ${process.env.BENCH_REPORT_ONLY}`);
} else
  main()
    .then(async (results) => {
      await stopServer();
      writeReports(results);
      console.log(`\n${comparisonTable(results)}\n\n${table(results)}\n\n${writeTable(results)}\n`);
      if (results.import72)
        console.log(
          `72-line raid dump import: median ${results.import72.medianMs} ms, p99 ${results.import72.p99Ms} ms over ${results.import72.runs} runs`,
        );
      console.log(`wrote ${OUT_DIR}/results.json and RESULTS.md (${results.totalS} s)`);
      if (!results.ok) {
        console.error(`FAILED: ${results.problems.join('; ')}`);
        process.exitCode = 1;
      }
    })
    .catch(async (error) => {
      console.error(error instanceof Error ? error.stack : error);
      const output = api.lastOutput();
      if (output) console.error(`--- API output (last lines) ---\n${output}`);
      await Promise.all([stopServer(), stopFloor()]);
      process.exitCode = 1;
    });
