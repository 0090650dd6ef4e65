import 'reflect-metadata';
import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig } from './platform/config/app-config';
import { DataDirInUseError } from './platform/database/data-dir-lock';
import { DatabaseConnectError } from './platform/database/database.module';
import { createApp } from './platform/http/create-app';
import { seedDemo } from './cli/seed-demo';

/** sysexits.h: configuration error. */
const EX_CONFIG = 78;

/** A start-up failure the operator can fix; its message is the one line printed. */
class StartupError extends Error {}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
  const started = Date.now();
  // Checked before the database starts, so a busy port fails in a moment, not after migrations.
  await assertPortFree(config);
  const app = await createApp(AppModule, config);
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    await app.close();
    throw isPortInUse(error) ? portInUse(config) : error;
  }
  const logger = new Logger('Quartermaster');
  const url = (await app.getUrl())
    .replace('[::1]', 'localhost')
    .replace('127.0.0.1', 'localhost')
    .replace('0.0.0.0', 'localhost');
  logger.log(
    `API listening on ${url}/api/v1 (${config.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${config.QM_DATA_DIR}`}), ready in ${Date.now() - started} ms`,
  );
  if (config.docsEnabled) logger.log(`Swagger UI: ${url}/docs`);
  if (process.argv.includes('--demo')) await seedDemo(app, logger);
}

function isPortInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
}

function portInUse(config: AppConfig): StartupError {
  return new StartupError(
    `PORT ${config.PORT} is already in use on ${config.HOST}: stop the other process or set PORT to a free port.`,
  );
}

/** Fails with one clear line when PORT cannot be bound (in use, or a privileged port). */
function assertPortFree(config: AppConfig): Promise<void> {
  if (config.PORT === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (isPortInUse(error)) reject(portInUse(config));
      else if (error.code === 'EACCES')
        reject(new StartupError(`PORT ${config.PORT} needs privileges this process lacks.`));
      else resolve(); // Anything else (an odd HOST) is left for listen() to report.
    });
    probe.listen(config.PORT, config.HOST, () => probe.close(() => resolve()));
  });
}

/** Known start-up failures print one line (no stack); anything else keeps its stack. */
main().catch((error: unknown) => {
  if (error instanceof StartupError || error instanceof DataDirInUseError || error instanceof DatabaseConnectError) {
    console.error(`Quartermaster cannot start: ${error.message}`);
  } else {
    console.error('Quartermaster cannot start:', error);
  }
  process.exit(1);
});
