import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock';

export interface EmbeddedStartOptions {
  /**
   * A data directory dumped by `dumpTo` (a tar file) to start from instead of an empty database.
   * Tests use one migrated template per run, so each test file skips booting initdb and running
   * every migration. Only for in-memory data dirs: an on-disk database keeps its own data.
   */
  template?: string;
}

/**
 * PGlite (Postgres compiled to WebAssembly) served over the wire protocol on a Unix socket, so
 * the app talks to it through the same `pg` driver as to a real server. PGlite is a single
 * connection database: clients must use a pool of one, because the socket server's multiplexer
 * does not isolate transactions between connections.
 */
export class EmbeddedPostgres {
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private socketDir?: string;
  private lock?: DataDirLock;

  /** `dataDir` of `memory://` keeps everything in memory (tests). Returns a connection URL. */
  async start(dataDir: string, options: EmbeddedStartOptions = {}): Promise<string> {
    this.lock = lockDataDir(dataDir);
    try {
      this.db = await openDatabase(dataDir, options);
    } catch (error) {
      this.lock?.release();
      throw error;
    }
    // Unix socket paths are limited to ~100 bytes, so the socket lives in a short temp dir.
    this.socketDir = mkdtempSync(join(tmpdir(), 'qm-pg-'));
    this.server = new PGLiteSocketServer({ db: this.db, path: join(this.socketDir, '.s.PGSQL.5432') });
    await this.server.start();
    return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(this.socketDir)}`;
  }

  /**
   * Writes the whole data directory to `file` (an uncompressed tar: loading it is faster than
   * gunzipping). Call it while no client is inside a transaction.
   */
  async dumpTo(file: string): Promise<void> {
    if (!this.db) throw new Error('EmbeddedPostgres is not started');
    const dump = await this.db.dumpDataDir('none');
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    if (this.socketDir) rmSync(this.socketDir, { recursive: true, force: true });
    this.lock?.release();
    this.server = undefined;
    this.db = undefined;
    this.lock = undefined;
  }
}

/** On-disk data folders are locked against a second process (DataDirInUseError); memory:// needs no lock. */
function lockDataDir(dataDir: string): DataDirLock | undefined {
  if (dataDir.startsWith('memory://')) return undefined;
  mkdirSync(resolve(dataDir), { recursive: true });
  return DataDirLock.acquire(resolve(dataDir));
}

async function openDatabase(dataDir: string, { template }: EmbeddedStartOptions): Promise<PGlite> {
  const inMemory = dataDir.startsWith('memory://');
  if (template) {
    if (!inMemory) throw new Error(`An embedded template needs an in-memory data dir (memory://), not ${dataDir}`);
    return PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(template)]) });
  }
  if (inMemory) return PGlite.create(dataDir);
  const location = resolve(dataDir, 'pglite');
  mkdirSync(location, { recursive: true });
  return PGlite.create(location);
}
