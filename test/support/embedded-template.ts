import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where test/global-setup.ts leaves the path of the migrated embedded template for the workers. */
export const TEMPLATE_ENV = 'QM_TEST_EMBEDDED_TEMPLATE';

/** Template dirs are named after the jest process that built them: `qm-template-<pid>-XXXXXX`. */
const DIR_PREFIX = 'qm-template-';

/** Global setup and teardown run in the jest parent process and share its globals. */
const holder = globalThis as { qmTemplateDir?: string };

/** A fresh temp file for this run's template; `removeTemplate` deletes it. */
export function newTemplateFile(): string {
  removeOrphanedTemplates();
  holder.qmTemplateDir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  return join(holder.qmTemplateDir, 'pglite.tar');
}

/** The template of this run, if one was built (embedded database only). */
export function embeddedTemplate(): string | undefined {
  return process.env[TEMPLATE_ENV] || undefined;
}

/** Deletes the template this process built (never a path someone else handed in). */
export function removeTemplate(): void {
  if (holder.qmTemplateDir) rmSync(holder.qmTemplateDir, { recursive: true, force: true });
  holder.qmTemplateDir = undefined;
}

/** An interrupted run (Ctrl-C, kill) skips the teardown: drop templates whose jest has exited. */
function removeOrphanedTemplates(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
