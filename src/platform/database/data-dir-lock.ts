import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file's name inside QM_DATA_DIR. */
export const LOCK_FILE = 'quartermaster.lock';

/** Another live process holds the embedded data folder. */
export class DataDirInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded data folder is in use by another Quartermaster process (pid ${ownerPid}; lock file ${lockFile}). ` +
        'Stop that process, or set QM_DATA_DIR to another folder. If no such process runs, delete the lock file.',
    );
  }
}

/**
 * An exclusive claim on an embedded data folder: a lock file holding the owner's pid, created
 * atomically so that of two processes starting together only one wins. PGlite would otherwise let
 * two processes open the same files and corrupt them. A lock whose pid is no longer running (the
 * owner was killed) is taken over.
 */
export class DataDirLock {
  /** Removes the lock when the process exits without stopping the database (failed start, exit()). */
  private readonly onExit = () => this.release();

  private constructor(private readonly file: string) {
    process.once('exit', this.onExit);
  }

  static acquire(dataDir: string): DataDirLock {
    const file = join(dataDir, LOCK_FILE);
    // Two rounds at most: create, or find a stale lock, remove it and create again.
    for (let round = 0; round < 2; round++) {
      if (tryCreate(file)) return new DataDirLock(file);
      const owner = readOwner(file);
      if (owner !== undefined && owner !== process.pid && isRunning(owner)) throw new DataDirInUseError(file, owner);
      rmSync(file, { force: true });
    }
    throw new DataDirInUseError(file, readOwner(file) ?? -1);
  }

  /** Removes the lock file, if it is still ours. */
  release(): void {
    process.removeListener('exit', this.onExit);
    if (readOwner(this.file) === process.pid) rmSync(this.file, { force: true });
  }
}

/**
 * Creates the lock with our pid already in it: written to a private temp file, then hard-linked
 * into place, which fails if the lock exists. So no reader ever sees an empty lock file.
 */
function tryCreate(file: string): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${process.pid}\n`);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 tests for existence; EPERM means it exists but belongs to another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
