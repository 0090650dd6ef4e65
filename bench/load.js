'use strict';
/**
 * Load generation and CPU accounting for bench/run.js.
 *
 * Load: wrk when installed (a C load generator: it leaves the two CPUs to the API and
 * PostgreSQL), else autocannon (a devDependency, in a Node process of its own competing for
 * the same CPUs: the bench says which one ran). Both give requests/s and latency percentiles.
 *
 * CPU: utime + stime of /proc/<pid>/stat, in clock ticks, before and after a load, for the
 * benchmarked Node process and for every PostgreSQL backend connected to the bench database.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

function hasWrk() {
  return spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).status === 0;
}

/** 'wrk' or 'autocannon', as BENCH_LOAD_TOOL says or wrk when installed; explains a fallback once. */
function loadTool(log) {
  const wanted = process.env.BENCH_LOAD_TOOL;
  if (wanted === 'autocannon') return 'autocannon';
  if (hasWrk()) return 'wrk';
  if (wanted === 'wrk') throw new Error('BENCH_LOAD_TOOL=wrk but wrk is not installed (apt-get install -y wrk)');
  log(
    'wrk is not installed: using autocannon, which runs in a Node process on the same CPUs and lowers every figure (apt-get install -y wrk for the reference setup)',
  );
  return 'autocannon';
}

/** User + system CPU of a process in ms, or null when it is gone or unreadable. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Peak resident set size (VmHWM) of a process in MB. */
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU ms per backend pid of the database's client connections (not the asking one). */
async function backendCpu(client, database) {
  const { rows } = await client.query(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    [database],
  );
  const byPid = new Map();
  for (const { pid } of rows) {
    const ms = cpuMs(pid);
    if (ms !== null) byPid.set(pid, ms);
  }
  return byPid;
}

/** CPU the backends used between two snapshots (a backend that appeared counts from zero). */
function backendCpuDelta(before, after) {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60000 };
const toMs = (value, unit) => Math.round(Number(value) * UNIT_MS[unit] * 100) / 100;

/** requests/s, latency percentiles and errors from wrk's --latency output. */
function parseWrk(out) {
  const pct = {};
  for (const m of out.matchAll(/^\s+(50|75|90|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$/gm))
    pct[m[1]] = toMs(m[2], m[3]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const max = /Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)/.exec(out);
  return {
    requests,
    reqPerSec: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    latencyMs: { p50: pct['50'], p90: pct['90'], p99: pct['99'], max: max ? toMs(max[1], max[2]) : null },
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
  };
}

function runWrk({ base, paths, headers, duration, connections }) {
  // wrk needs at least one connection per thread.
  const args = [`-t${Math.min(2, connections)}`, `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '10s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push('-s', path.join(__dirname, 'wrk-paths.lua'), base, '--', ...paths);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited ${code}: ${out}`)),
    );
  });
}

/**
 * A write load with wrk: POSTs the given requests ({ path, body, headers? }) in order (bench/wrk-writes.lua),
 * and counts the responses by status and 409 problem type (`counts`, e.g. { '201': 90, '409:bid-too-low': 3 }).
 */
function runWrkWrites({ base, requests, headers, duration, connections }) {
  const file = path.join(require('node:os').tmpdir(), `qm-bench-writes-${process.pid}.tsv`);
  const line = (r) =>
    [r.path, JSON.stringify(r.body), ...Object.entries(r.headers ?? {}).map(([k, v]) => `${k}: ${v}`)].join('\t');
  fs.writeFileSync(file, requests.map(line).join('\n') + '\n');
  // wrk needs at least one connection per thread.
  const args = [`-t${Math.min(2, connections)}`, `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '10s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push('-s', path.join(__dirname, 'wrk-writes.lua'), base, '--', file, '2');
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`wrk exited ${code}: ${out}`));
      const line = out.split('\n').find((l) => l.startsWith('WRITE_COUNTS '));
      resolve({ ...parseWrk(out), counts: line ? JSON.parse(line.slice('WRITE_COUNTS '.length)) : {} });
    });
  });
}

async function runAutocannon({ base, paths, headers, duration, connections }) {
  const autocannon = require('autocannon');
  let n = 0;
  const r = await autocannon({
    url: base,
    connections,
    duration,
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] }) }],
  });
  return {
    requests: r.requests.total,
    reqPerSec: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** One load of `duration` s with the chosen tool over `paths` (rotating). */
function load(tool, options) {
  return tool === 'wrk' ? runWrk(options) : runAutocannon(options);
}

module.exports = { loadTool, load, runWrkWrites, cpuMs, peakRssMb, backendCpu, backendCpuDelta };
