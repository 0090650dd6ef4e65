import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { DataSource, DataSourceOptions, Logger as TypeOrmLogger, MigrationExecutor } from 'typeorm';
import { describeConnectError, isConnectError, isTransientConnectError } from './connection-diagnosis';
import { CommunicationsStore, communicationsDataSourceOptions } from './communications-data-source';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

/** The database named in the configuration could not be reached; the message says where and why. */
export class DatabaseConnectError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Connects (and migrates). A failure to connect becomes a DatabaseConnectError naming the server
 * and the reason; other failures (a migration) stay as they are.
 */
async function initializeDataSource(options?: DataSourceOptions): Promise<DataSource> {
  // Migrations run below rather than inside initialize(), so that their progress is logged.
  const dataSource = new DataSource({ ...options!, migrationsRun: false });
  try {
    await dataSource.initialize();
  } catch (error) {
    if (!isConnectError(error)) throw error;
    const url = (options as { url?: string }).url ?? '';
    throw new DatabaseConnectError(describeConnectError(error, url), isTransientConnectError(error), { cause: error });
  }
  if (options!.migrationsRun) {
    try {
      await runPendingMigrations(dataSource, options!.migrationsTransactionMode ?? 'all');
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
  }
  return dataSource;
}

/**
 * Applies pending migrations (one transaction each, as configured), saying how many there are, each one's name
 * as it completes and when all are done: a first start on a slow machine takes a while, and
 * silence there looks like a hang.
 */
async function runPendingMigrations(dataSource: DataSource, transaction: 'all' | 'none' | 'each'): Promise<void> {
  const logger = new Logger('Migrations');
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (!pending.length) {
    logger.debug('Database schema is up to date');
    return;
  }
  const started = Date.now();
  logger.log(`Running ${pending.length} pending migration${pending.length === 1 ? '' : 's'}…`);
  const previous = dataSource.logger;
  Object.assign(dataSource, { logger: migrationLogger(logger) });
  try {
    const applied = await dataSource.runMigrations({ transaction });
    logger.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} in ${Date.now() - started} ms`);
  } finally {
    Object.assign(dataSource, { logger: previous });
  }
}

/**
 * A TypeORM logger that passes on migration messages only: TypeORM reports each completed
 * migration through logSchemaBuild ("Migration X has been executed successfully") and a failed
 * one through logMigration.
 */
function migrationLogger(logger: Logger): TypeOrmLogger {
  const ignore = () => undefined;
  return {
    logSchemaBuild: (message: string) => logger.log(message),
    logMigration: (message: string) => logger.error(message),
    logQuery: ignore,
    logQueryError: ignore,
    logQuerySlow: ignore,
    log: ignore,
  };
}

/** Starts the embedded database when no DATABASE_URL is configured, and stops it last. */
@Injectable()
export class DatabaseServer implements OnApplicationShutdown {
  private embedded?: EmbeddedPostgres;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get isEmbedded(): boolean {
    return !this.config.DATABASE_URL;
  }

  async url(): Promise<string> {
    if (this.config.DATABASE_URL) return this.config.DATABASE_URL;
    this.embedded ??= new EmbeddedPostgres();
    return this.embedded.start(this.config.QM_DATA_DIR, { template: this.config.QM_EMBEDDED_TEMPLATE });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Global()
@Module({ providers: [DatabaseServer], exports: [DatabaseServer] })
class DatabaseServerModule {}

/**
 * The communications store: the main DataSource when COMMUNICATIONS_DATABASE_URL is unset, else a
 * second one, connected and migrated (its own migrations) once the main one is up.
 */
@Global()
@Module({
  providers: [
    {
      provide: CommunicationsStore,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: async (config: AppConfig, main: DataSource) => {
        const url = config.COMMUNICATIONS_DATABASE_URL;
        if (!url) return new CommunicationsStore(main, false);
        const options = communicationsDataSourceOptions({
          url,
          poolSize: config.DATABASE_POOL_SIZE,
          embedded: false,
          statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
          connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
        });
        return new CommunicationsStore(await initializeDataSource({ ...options, migrationsRun: true }), true);
      },
    },
  ],
  exports: [CommunicationsStore],
})
class CommunicationsDatabaseModule {}

/** TypeORM over Postgres; migrations run at start (never `synchronize`). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [AppConfig, DatabaseServer],
      useFactory: async (config: AppConfig, server: DatabaseServer) => {
        const url = await server.url();
        return {
          ...dataSourceOptions(
            {
              url,
              replicaUrls: config.DATABASE_REPLICA_URLS,
              poolSize: config.DATABASE_POOL_SIZE,
              embedded: server.isEmbedded,
              statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
              connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
            },
            // A separate communications database holds the communications tables instead.
            !config.COMMUNICATIONS_DATABASE_URL,
          ),
          migrationsRun: true,
          // Failed queries surface as exceptions (expected ones become 4xx, the rest are logged
          // with the request id by the problem filter); TypeORM's own console log would duplicate them.
          logging: false,
          // A server still starting is waited for (10 tries, 3 s apart); a wrong host, database or
          // password fails at once. Each retry logs which server and why, never the password.
          toRetry: (error: unknown) => error instanceof DatabaseConnectError && error.transient,
          verboseRetryLog: true,
        };
      },
      dataSourceFactory: initializeDataSource,
    }),
    CommunicationsDatabaseModule,
  ],
})
export class DatabaseModule {}
