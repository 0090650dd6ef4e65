import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { createApp } from './platform/http/create-app';
import { seedDemo } from './cli/seed-demo';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const started = Date.now();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const logger = new Logger('Quartermaster');
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(`API listening on ${url}/api/v1 (${config.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${config.QM_DATA_DIR}`}), ready in ${Date.now() - started} ms`);
  logger.log(`Swagger UI: ${url}/docs`);
  if (process.argv.includes('--demo')) await seedDemo(app, logger);
}

void main();
