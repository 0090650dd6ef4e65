import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../platform/config/app-config';

/** Boots the app without HTTP (migrations applied), runs one operator command, and exits. */
export async function runWithApp(
  name: string,
  command: (app: INestApplicationContext, logger: Logger) => Promise<void>,
): Promise<void> {
  const logger = new Logger(name);
  try {
    // An operator command must not also run the API's recurring jobs, and serves no requests, so it
    // needs no caller cache (nor the LISTEN connection that keeps one fresh).
    const config = loadConfig({ ...process.env, JOBS_ENABLED: 'false', CALLER_CACHE_SECONDS: '0' });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: ['error', 'warn', 'log'],
    });
    try {
      await command(app, logger);
    } finally {
      await app.close();
    }
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
