import type { Config } from '@jest/types';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { EmbeddedPostgres } from '../src/platform/database/embedded-postgres';
import { newTemplateFile, removeTemplate, TEMPLATE_ENV } from './support/embedded-template';

/**
 * Jest global setup (runs once per run, before the workers start; jest compiles it with the
 * configured swc transform, so it can import our TypeScript and the TS migrations).
 *
 * On the embedded database, booting PGlite and running every migration cost most of a minute per
 * test file on a busy machine. So this migrates one in-memory database once, dumps its data
 * directory to a temp file and hands the path to the workers in QM_TEST_EMBEDDED_TEMPLATE;
 * `startTestApp` passes it on as QM_EMBEDDED_TEMPLATE, and each app starts from a copy (its own
 * migrations then find nothing to do). The teardown deletes the file. With DATABASE_URL each
 * worker database is migrated once and kept, so there is nothing to build.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  // DATABASE_URL: nothing to build. A template already in the environment is used as given.
  if (process.env.DATABASE_URL || process.env[TEMPLATE_ENV] || onlyUnitTests(globalConfig)) return;
  const started = Date.now();
  const file = newTemplateFile();
  try {
    await buildTemplate(file);
  } catch (error) {
    // jest skips the teardown when the setup fails.
    removeTemplate();
    throw error;
  }
  // Workers are spawned after this returns and inherit the environment.
  process.env[TEMPLATE_ENV] = file;
  // QM_TEST_VERBOSE=1 prints how long the build took (to measure it).
  if (process.env.QM_TEST_VERBOSE) console.log(`\nembedded template built in ${Date.now() - started} ms: ${file}`);
}

/** Migrates a fresh in-memory database exactly as the app would, and dumps it to `file`. */
async function buildTemplate(file: string): Promise<void> {
  const embedded = new EmbeddedPostgres();
  try {
    const url = await embedded.start('memory://');
    // The entities are loaded too: TypeORM keeps generated-column metadata for them in a table.
    const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, embedded: true }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
    await embedded.dumpTo(file);
  } finally {
    await embedded.stop();
  }
}

/**
 * `npx jest src/foo.spec.ts`: only unit test files were named, none starts an app, so the template
 * would be built for nothing. (Were one to start an app anyway, it would migrate its own database.)
 */
function onlyUnitTests(globalConfig: Config.GlobalConfig): boolean {
  const { patterns } = globalConfig.testPathPatterns;
  return patterns.length > 0 && patterns.every((pattern) => /(?<!e2e-)spec\.ts$/.test(pattern));
}
