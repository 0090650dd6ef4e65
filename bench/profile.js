#!/usr/bin/env node
'use strict';
/**
 * Profiles the API's hot reads: starts `node --cpu-prof dist/main.js` of BENCH_API_DIR on an
 * already loaded bench database (BENCH_DB, see run.js), puts each read under wrk load for
 * PROFILE_SECONDS (8) and prints, per read, the Node CPU per request and the self time of the
 * V8 profile grouped by category (pg driver, socket writes, GC, Nest, Fastify, validation, app
 * code...) and by function, counting only the samples of the measured load (not start-up, not idle). One profile
 * per read (the server is restarted for each), written to PROFILE_DIR; with PROFILE_OUT=<file>,
 * the figures as JSON too, which `bench/run.js` prints as the CPU breakdown of RESULTS.md
 * (BENCH_PROFILES=<file>,<file>: one per build).
 *
 *   BENCH_API_DIR=/tmp/some-build BENCH_DB=qm_bench node bench/profile.js [leaderboard|balance|raids|award]
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const bench = require('./load');
const harness = require('./harness');

const API_DIR = path.resolve(process.env.BENCH_API_DIR || path.resolve(__dirname, '..'));
const ADMIN_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB || 'qm_bench';
const PORT = Number(process.env.BENCH_PORT || 3100);
const SECONDS = Number(process.env.PROFILE_SECONDS || 8);
const OUT = path.resolve(process.env.PROFILE_DIR || '/tmp/qm-profiles');
const ORG_API = '/api/v1/orgs/bench-guild/dkp';
const dbUrl = harness.databaseUrl(ADMIN_URL, DB);

async function start(name) {
  const dir = path.join(OUT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const api = new harness.ApiProcess({
    apiDir: API_DIR,
    port: PORT,
    databaseUrl: dbUrl,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  await api.start();
  return { api, dir };
}

async function json(method, url, token, body) {
  const res = await fetch(`http://127.0.0.1:${PORT}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Where a sampled frame's self time goes, in the categories of the breakdown in RESULTS.md. */
function category(frame) {
  const url = frame.url || '';
  const fn = frame.functionName;
  if (!url) {
    if (fn === 'writev' || fn === 'writeBuffer' || fn === 'writeUtf8String' || fn === 'writeLatin1String')
      return 'socket writes (pg and HTTP)';
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(idle)' || fn === '(program)') return null;
    return 'V8/native (other)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) {
    if (/^(pg|pg-pool|pg-protocol|pg-types|postgres-.*|pgpass)$/.test(pkg)) return 'pg driver';
    if (pkg === 'typeorm') return 'TypeORM';
    if (/^class-(validator|transformer)$/.test(pkg) || pkg === 'validator')
      return 'class-validator / class-transformer';
    if (/^@nestjs\/(throttler)$/.test(pkg)) return 'rate limit (@nestjs/throttler)';
    if (/^(@nestjs\/.*|rxjs|reflect-metadata)$/.test(pkg)) return 'Nest pipeline (core, rxjs)';
    if (/^(jsonwebtoken|jws|jwa|passport.*|@nestjs\/passport)$/.test(pkg)) return 'JWT / passport';
    if (/^(pino.*|sonic-boom|thread-stream|fast-redact)$/.test(pkg)) return 'logging (pino)';
    if (
      /(^fastify$|^@fastify\/|^find-my-way$|^light-my-request$|^avvio$|fast-json-stringify|^helmet$|^secure-json-parse$)/.test(
        pkg,
      )
    )
      return 'Fastify (routing, hooks, helmet, cors, serialization)';
    return `other packages (${pkg})`;
  }
  if (url.startsWith('node:')) {
    if (/crypto/.test(url)) return 'node crypto (JWT HMAC)';
    return 'Node internals (streams, timers, events, http)';
  }
  if (/\/dist\/platform\/auth\//.test(url)) return 'app: auth (caller, JWT)';
  if (/\/dist\/platform\//.test(url)) return 'app: platform (http, database, audit)';
  return 'app: route code';
}

/** Self time per category and per function of a .cpuprofile, samples within [from, to] (µs) only. */
function summarize(file, window) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = prof.startTime;
  prof.samples.forEach((id, i) => {
    t += prof.timeDeltas[i];
    if (t >= window.from && t <= window.to) self.set(id, (self.get(id) ?? 0) + 1);
  });
  const cats = new Map();
  const fns = new Map();
  let busy = 0;
  for (const [id, count] of self) {
    const { callFrame: f } = byId.get(id);
    const cat = category(f);
    if (!cat) continue;
    busy += count;
    cats.set(cat, (cats.get(cat) ?? 0) + count);
    const key = `${f.functionName || '(anon)'} ${(f.url || '').replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${f.lineNumber}`;
    fns.set(key, (fns.get(key) ?? 0) + count);
  }
  const shares = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => ({ name: k, share: Math.round((v / busy) * 1000) / 1000 }));
  return { busySamples: busy, categories: shares(cats, 20), functions: shares(fns, 20) };
}

const print = (rows) => rows.map((r) => `  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`).join('\n');

async function profile(name) {
  const { api, dir } = await start(name);
  const window = { from: 0, to: Infinity };
  let result;
  try {
    const { accessToken: token } = await json('POST', '/api/v1/auth/login', null, {
      username: 'bench-officer',
      password: 'bench-officer-password',
    });
    // Older builds (profiled for a before/after) answered lists as bare arrays.
    const poolList = await json('GET', `${ORG_API}/pools?limit=200`, token);
    const pools = poolList.items ?? poolList;
    const dataset = JSON.parse(fs.readFileSync(path.join(__dirname, 'dataset.json'), 'utf8'));
    const paths = {
      leaderboard: [`${ORG_API}/points/leaderboard/${pools[0].id}`],
      balance: dataset.users.map((u) => `${ORG_API}/discord/users/${u.discord_id}/balance`),
      raids: [`${ORG_API}/raids?limit=50`],
      award: [],
    }[name];
    const headers = { authorization: `Bearer ${token}` };
    const opts = { base: `http://127.0.0.1:${PORT}`, paths, headers, connections: 50 };
    // The loot award (a write): as bench/run.js posts it, 0.01 points to the main characters of
    // the 50 richest users, rotating over 100 item names.
    const awardRequests = () => {
      const rich = new Set(
        [...dataset.expected_summaries]
          .sort((a, b) => Number(b.balance) - Number(a.balance))
          .slice(0, 50)
          .map((x) => x.user_id),
      );
      const winners = dataset.characters.filter((c) => c.is_main && rich.has(c.user_id)).map((c) => c.name);
      return Array.from({ length: 30_000 }, (_, k) => ({
        path: `${ORG_API}/loot`,
        body: {
          poolId: pools[0].id,
          characterName: winners[k % winners.length],
          itemName: `Bench Relic ${k % 100}`,
          amount: '0.01',
        },
      }));
    };
    const loadFor = (duration) =>
      name === 'award'
        ? bench.runWrkWrites({
            ...opts,
            headers: { ...headers, 'content-type': 'application/json' },
            requests: awardRequests(),
            duration,
          })
        : bench.load('wrk', { ...opts, duration });
    await loadFor(2);
    const before = bench.cpuMs(api.pid);
    // The profile's clock is the monotonic one of process.hrtime (µs): keep the measured load only.
    window.from = Number(process.hrtime.bigint() / 1000n);
    const r = await loadFor(SECONDS);
    window.to = Number(process.hrtime.bigint() / 1000n);
    const cpu = bench.cpuMs(api.pid) - before;
    result = {
      route: name,
      reqPerSec: r.reqPerSec,
      nodeCpuMsPerRequest: Math.round((cpu / r.requests) * 1000) / 1000,
      peakRssMb: bench.peakRssMb(api.pid),
    };
    console.log(
      `\n== ${name}: ${r.reqPerSec} req/s, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, Node CPU ${result.nodeCpuMsPerRequest} ms/request (profiling on), peak RSS ${result.peakRssMb} MB`,
    );
  } finally {
    await api.stop('SIGINT');
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const summary = summarize(path.join(dir, file), window);
  console.log(
    `categories (share of busy samples):\n${print(summary.categories)}\nfunctions:\n${print(summary.functions)}`,
  );
  return { ...result, ...summary };
}

module.exports = { summarize, print };

if (require.main === module)
  (async () => {
    if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) throw new Error('wrk is needed');
    const names = process.argv.slice(2).length ? process.argv.slice(2) : ['leaderboard', 'balance', 'raids'];
    const routes = [];
    for (const name of names) routes.push(await profile(name));
    if (process.env.PROFILE_OUT) {
      const out = {
        date: new Date().toISOString(),
        label: process.env.BENCH_LABEL || API_DIR,
        seconds: SECONDS,
        routes,
      };
      fs.writeFileSync(process.env.PROFILE_OUT, `${JSON.stringify(out, null, 2)}\n`);
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
