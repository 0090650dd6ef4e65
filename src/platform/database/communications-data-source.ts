import { OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { OutboxEvent } from '../events/outbox-event.entity';
import { COMMUNICATIONS_ENTITY_GLOB, COMMUNICATIONS_MIGRATION_GLOB, dataSourceOptions } from './data-source-options';
import type { DatabaseTarget } from './data-source-options';
import { withTransaction } from './transactions';

/**
 * Migrations only a separate communications database runs: the platform tables it needs of its own
 * (the outbox). On the main database those tables come from the main migrations.
 */
export const COMMUNICATIONS_STANDALONE_MIGRATION_GLOB = join(
  __dirname,
  '..',
  '..',
  'migrations-communications',
  'standalone',
  '*.{ts,js}',
);

/**
 * Options of a separate communications database (COMMUNICATIONS_DATABASE_URL): the communications
 * entities and the outbox, its own migrations (the communications tables plus the standalone ones)
 * in its own `typeorm_migrations` table. No entity here references a main table: rows store user
 * ids and name snapshots, never foreign keys across the two databases.
 */
export function communicationsDataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    ...dataSourceOptions(target),
    entities: [COMMUNICATIONS_ENTITY_GLOB, OutboxEvent],
    migrations: [COMMUNICATIONS_MIGRATION_GLOB, COMMUNICATIONS_STANDALONE_MIGRATION_GLOB],
  } as DataSourceOptions;
}

/**
 * The communications store: the data source that holds member messages. Unset
 * COMMUNICATIONS_DATABASE_URL, it IS the main DataSource (one transaction covers both, and the
 * main migrations create its tables); set, a second DataSource with its own migrations and outbox
 * table, whose events `CommunicationsOutboxRelay` hands to the main outbox.
 *
 * Contexts reach it only through this class: `transaction` for writes (events recorded with
 * `DomainEvents.record(tx, ...)` land in the store's own outbox), `manager` for reads.
 */
export class CommunicationsStore implements OnApplicationShutdown {
  constructor(
    readonly dataSource: DataSource,
    /** True when the store is its own database (COMMUNICATIONS_DATABASE_URL). */
    readonly separate: boolean,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in a transaction of the store, retried on deadlocks and serialization failures. On
   * a separate database the request's Idempotency-Key (kept in the main database) cannot commit
   * with it; the key then stores the response when the handler is done.
   */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.dataSource, work, { confirmClaim: !this.separate });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.separate && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
