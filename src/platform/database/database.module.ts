import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

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
    return this.embedded.start(this.config.QM_DATA_DIR);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Global()
@Module({ providers: [DatabaseServer], exports: [DatabaseServer] })
class DatabaseServerModule {}

/** TypeORM over Postgres; migrations run at start (never `synchronize`). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [AppConfig, DatabaseServer],
      useFactory: async (config: AppConfig, server: DatabaseServer) => ({
        ...dataSourceOptions({
          url: await server.url(),
          replicaUrls: config.DATABASE_REPLICA_URLS,
          poolSize: config.DATABASE_POOL_SIZE,
          embedded: server.isEmbedded,
        }),
        migrationsRun: true,
        // Failed queries surface as exceptions (expected ones become 4xx, the rest are logged
        // with the request id by the problem filter); TypeORM's own console log would duplicate them.
        logging: false,
      }),
    }),
  ],
})
export class DatabaseModule {}
