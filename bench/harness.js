'use strict';
/**
 * What every benchmark of `npm run bench` needs around the load itself: a database of its own,
 * the API started as production starts it (with the SQL statement counter preloaded), logged-in
 * calls, and small statistics. bench/run.js (DKP) and bench/contexts.js (fbo, brokerage,
 * starcorp) both use it.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** `url` with its database part replaced by `database`. */
function databaseUrl(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withPg(url, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and creates `database` on the server of `adminUrl`; the server's version string. */
async function freshDatabase(adminUrl, database) {
  return withPg(adminUrl, async (c) => {
    const { rows } = await c.query('SELECT version() AS v');
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${database}`);
    return rows[0].v;
  });
}

/** Runs a command to its end; throws with its output on a non-zero exit. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    if (opts.capture) process.stderr.write(`${r.stdout}\n${r.stderr}`);
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  }
  return r;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds (nest build) when dist/ is missing `marker` or older than src/. */
function ensureBuild(apiDir, markers) {
  const paths = ['main.js', ...markers].map((m) => path.join(apiDir, 'dist', m));
  const built = paths.every((p) => fs.existsSync(p));
  if (apiDir !== ROOT) {
    // Another checkout is benchmarked as it was built there.
    if (!built) throw new Error(`${apiDir}/dist is not built (run nest build there)`);
    return;
  }
  if (built && fs.statSync(paths[0]).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  log('building (nest build)');
  run('npx', ['nest', 'build']);
}

/**
 * The Node flags of the benchmarked checkout's production start (`start:prod`: `node <flags>
 * dist/main.js`, as the Dockerfile's CMD), so that the API runs here as it runs in production
 * (heap sizing changes both the peak RSS and the GC share of the CPU).
 */
function productionNodeFlags(apiDir) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(apiDir, 'package.json'), 'utf8'));
    const words = String(pkg.scripts?.['start:prod'] ?? '').split(/\s+/);
    const at = words.indexOf('node');
    const end = words.indexOf('dist/main.js');
    return at >= 0 && end > at ? words.slice(at + 1, end).filter((w) => w.startsWith('--')) : [];
  } catch {
    return [];
  }
}

/**
 * The API in production mode (`node <start:prod flags> dist/main.js`, NODE_ENV=production, jobs
 * off, the rate limit out of the way) on `port`, over `databaseUrl`, with bench/sql-counter.js
 * preloaded on `port + 1`. `start()` waits for /health/ready; `stop()` is safe to call twice.
 */
class ApiProcess {
  constructor({ apiDir, port, databaseUrl: url, env = {}, nodeArgs = [] }) {
    this.apiDir = apiDir;
    /** More Node flags (e.g. --cpu-prof for bench/profile.js). */
    this.nodeArgs = nodeArgs;
    this.port = port;
    this.counterPort = port + 1;
    this.databaseUrl = url;
    this.env = env;
    this.base = `http://127.0.0.1:${port}`;
    this.child = null;
    this.output = [];
  }

  get pid() {
    return this.child?.pid;
  }

  async start() {
    log(`starting the API on port ${this.port}`);
    const flags = productionNodeFlags(this.apiDir);
    if (flags.length) log(`node flags of start:prod: ${flags.join(' ')}`);
    const args = [...flags, ...this.nodeArgs, '-r', path.join(__dirname, 'sql-counter.js'), 'dist/main.js'];
    const child = spawn('node', args, {
      cwd: this.apiDir,
      env: {
        ...process.env,
        BENCH_SQL_COUNTER_PORT: String(this.counterPort),
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-only-secret-0123456789-abcdefghijklmnop',
        JWT_ACCESS_TTL_SECONDS: '3600',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000000',
        // Anonymous reads of an org's public site (a blog) have their own, stricter bucket.
        RATE_LIMIT_PUBLIC_ORG_PER_MINUTE: '100000000',
        JOBS_ENABLED: 'false',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 250))]);
      if (code !== undefined) throw new Error(`the API exited with ${code}:\n${this.output.join('')}`);
      try {
        const res = await fetch(`${this.base}/api/v1/health/ready`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
    }
    throw new Error(`the API did not become ready in 120 s:\n${this.output.join('')}`);
  }

  /** Stops the API (SIGINT lets --cpu-prof write its profile; both shut down gracefully). */
  async stop(signal = 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    log('API stopped');
  }

  /** The last lines the API printed (for a failure report). */
  lastOutput() {
    return this.output.join('').slice(-4000);
  }

  /** A JSON call; throws on a non-2xx answer. `headers` adds to the bearer token's. */
  async call(method, url, token, body, headers = {}) {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** An access token for a user name and password. */
  async login(username, password) {
    const { accessToken } = await this.call('POST', '/api/v1/auth/login', null, { username, password });
    return accessToken;
  }

  /** SQL statements sent since the API started (bench/sql-counter.js). */
  async statements() {
    return (await (await fetch(`http://127.0.0.1:${this.counterPort}/`)).json()).statements;
  }
}

function median(values) {
  const known = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (!known.length) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : Math.round(((known[mid - 1] + known[mid]) / 2) * 1000) / 1000;
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

module.exports = {
  ROOT,
  log,
  databaseUrl,
  withPg,
  freshDatabase,
  run,
  ensureBuild,
  ApiProcess,
  median,
  percentile,
};
