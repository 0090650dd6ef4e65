import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built API (`node dist/main.js`) as a real process, for tests of start-up and process faults. */

const ROOT = join(__dirname, '..', '..');

export interface Exited {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/** A clean environment: the test runner's DATABASE_URL, template and NODE_OPTIONS stay out. */
function apiEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    ...env,
  };
}

export function spawnApi(env: Record<string, string>): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: apiEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout = (output.stdout + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr = (output.stderr + chunk.toString()).slice(-20_000)));
  return Object.assign(child, { output });
}

/** Runs the API until it exits (or `guardMs` passes: then it is killed and `code` is null). */
export function runUntilExit(env: Record<string, string>, guardMs: number): Promise<Exited> {
  const started = performance.now();
  const child = spawnApi(env);
  return new Promise((resolve) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), guardMs);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, ...child.output, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Starts the API and waits until /health/ready answers 200. */
export async function startUntilReady(env: Record<string, string> & { PORT: string }, deadlineMs = 240_000) {
  const child = spawnApi(env);
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${child.output.stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not start within ${deadlineMs} ms: ${child.output.stderr}`);
}

export async function stopApi(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `nest build` when dist/main.js is missing or older than a source file. */
export function buildIfStale(): void {
  const builtAt = mtime(join(ROOT, 'dist', 'main.js'));
  if (builtAt && newestMtime(join(ROOT, 'src')) <= builtAt) return;
  execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 10 * 60_000 });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : mtime(path));
  }
  return newest;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
