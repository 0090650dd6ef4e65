import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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

  /** `dataDir` of `memory://` keeps everything in memory (tests). Returns a connection URL. */
  async start(dataDir: string): Promise<string> {
    const location = dataDir.startsWith('memory://') ? dataDir : resolve(dataDir, 'pglite');
    if (!location.startsWith('memory://')) mkdirSync(location, { recursive: true });
    this.db = await PGlite.create(location);
    // Unix socket paths are limited to ~100 bytes, so the socket lives in a short temp dir.
    this.socketDir = mkdtempSync(join(tmpdir(), 'qm-pg-'));
    this.server = new PGLiteSocketServer({ db: this.db, path: join(this.socketDir, '.s.PGSQL.5432') });
    await this.server.start();
    return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(this.socketDir)}`;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    if (this.socketDir) rmSync(this.socketDir, { recursive: true, force: true });
    this.server = undefined;
    this.db = undefined;
  }
}
