#!/usr/bin/env node
'use strict';
/**
 * Peak RSS against Node flags: starts `node <flags> dist/main.js` of BENCH_API_DIR on the loaded
 * bench database (BENCH_DB, see run.js) once per flag set, puts the three hot reads under wrk
 * (50 connections, RSS_SECONDS each after a 2 s warm-up) and prints req/s, Node CPU ms/request
 * and the peak RSS (VmHWM) per flag set, plus V8's heap figures at the end of the load.
 *
 *   RSS_FLAGS='|--max-semi-space-size=8|--max-semi-space-size=4' node bench/rss.js
 *
 * Flag sets are separated by `|` (an empty one is Node's defaults), flags within one by spaces.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const bench = require('./load');

const API_DIR = path.resolve(process.env.BENCH_API_DIR || path.resolve(__dirname, '..'));
const ADMIN_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB || 'qm_bench';
const PORT = Number(process.env.BENCH_PORT || 3100);
const SECONDS = Number(process.env.RSS_SECONDS || 8);
const ORG_API = '/api/v1/orgs/bench-guild/dkp';
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();

async function json(method, url, token) {
  const res = await fetch(`http://127.0.0.1:${PORT}${url}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : { 'content-type': 'application/json' },
    body: token ? undefined : JSON.stringify({ username: 'bench-officer', password: 'bench-officer-password' }),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function start(flags) {
  const child = spawn('node', [...flags, 'dist/main.js'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-only-secret-0123456789-abcdefghijklmnop',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      JOBS_ENABLED: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health/ready`)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not start');
}

async function measure(flags) {
  const child = await start(flags);
  try {
    const idleRssMb = bench.peakRssMb(child.pid);
    const { accessToken: token } = await json('POST', '/api/v1/auth/login');
    const { items: pools } = await json('GET', `${ORG_API}/pools?limit=200`, token);
    const dataset = JSON.parse(fs.readFileSync(path.join(__dirname, 'dataset.json'), 'utf8'));
    const reads = {
      leaderboard: [`${ORG_API}/points/leaderboard/${pools[0].id}`],
      balance: dataset.users.map((u) => `${ORG_API}/discord/users/${u.discord_id}/balance`),
      raids: [`${ORG_API}/raids?limit=50`],
    };
    const row = { flags: flags.join(' ') || '(defaults)', idleRssMb };
    for (const [name, paths] of Object.entries(reads)) {
      const opts = {
        base: `http://127.0.0.1:${PORT}`,
        paths,
        headers: { authorization: `Bearer ${token}` },
        connections: 50,
      };
      await bench.load('wrk', { ...opts, duration: 2 });
      const before = bench.cpuMs(child.pid);
      const r = await bench.load('wrk', { ...opts, duration: SECONDS });
      row[`${name} req/s`] = r.reqPerSec;
      row[`${name} CPU ms`] = Math.round(((bench.cpuMs(child.pid) - before) / r.requests) * 1000) / 1000;
    }
    row.peakRssMb = bench.peakRssMb(child.pid);
    return row;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

(async () => {
  const sets = (process.env.RSS_FLAGS ?? '').split('|').map((s) => s.split(/\s+/).filter(Boolean));
  const rows = [];
  for (const flags of sets) {
    rows.push(await measure(flags));
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  console.table(rows);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
