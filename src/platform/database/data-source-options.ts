import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SelfHealingPgClient } from './pg-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Entities and migrations are found by file name so contexts register them by existing. */
const root = join(__dirname, '..', '..');
export const ENTITY_GLOB = join(root, '**', '*.entity.{ts,js}');
export const MIGRATION_GLOB = join(root, 'migrations', '*.{ts,js}');
/**
 * The communications store's tables (see communications-data-source.ts): entities named
 * `*.communications-entity.ts` and the migrations in src/migrations-communications/. They belong to
 * whichever database is the communications one: the main database unless COMMUNICATIONS_DATABASE_URL
 * is set.
 */
export const COMMUNICATIONS_ENTITY_GLOB = join(root, '**', '*.communications-entity.{ts,js}');
export const COMMUNICATIONS_MIGRATION_GLOB = join(root, 'migrations-communications', '*.{ts,js}');

export interface DatabaseTarget {
  url: string;
  replicaUrls?: string[];
  poolSize: number;
  /** Embedded PGlite: one connection only. */
  embedded: boolean;
  /** Server-side `statement_timeout` (0 or unset: none). Ignored for the embedded database. */
  statementTimeoutMs?: number;
  /** Longest wait to connect or to get a pooled connection (default 5 s). */
  connectTimeoutMs?: number;
}

/** How long past the statement timeout the client waits before it declares the connection lost. */
const QUERY_TIMEOUT_MARGIN_MS = 2000;

/**
 * Options of the pg pool. A real server gets a statement timeout and a client-side query timeout
 * a little longer, so that a server or network that stops answering fails the request (503) and
 * the silent connection is replaced (SelfHealingPgClient) instead of hanging for the whole outage.
 * The embedded database gets neither: it is one connection in this process, a query timeout there
 * would only cut a long migration or bulk load short, and PGlite has no statement timer.
 */
function poolOptions(target: DatabaseTarget): Record<string, unknown> {
  const connectionTimeoutMillis = target.connectTimeoutMs ?? 5000;
  if (target.embedded) return { max: 1, connectionTimeoutMillis };
  const statementTimeout = target.statementTimeoutMs ?? 0;
  return {
    max: target.poolSize,
    connectionTimeoutMillis,
    Client: SelfHealingPgClient,
    ...(statementTimeout > 0
      ? { statement_timeout: statementTimeout, query_timeout: statementTimeout + QUERY_TIMEOUT_MARGIN_MS }
      : {}),
  };
}

/**
 * The main data source. `withCommunications` (the default) makes it the communications store too:
 * its entities and migrations include the communications tables. With a separate communications
 * database (COMMUNICATIONS_DATABASE_URL) they are left out here.
 */
export function dataSourceOptions(target: DatabaseTarget, withCommunications = true): DataSourceOptions {
  const pool = poolOptions(target);
  const common = {
    type: 'postgres' as const,
    entities: withCommunications ? [ENTITY_GLOB, COMMUNICATIONS_ENTITY_GLOB] : [ENTITY_GLOB],
    migrations: withCommunications ? [MIGRATION_GLOB, COMMUNICATIONS_MIGRATION_GLOB] : [MIGRATION_GLOB],
    migrationsTableName: 'typeorm_migrations',
    // Each migration in its own transaction, so concurrent instances starting together serialize.
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto' as const,
    synchronize: false,
    extra: pool,
  };
  if (target.replicaUrls?.length) {
    return {
      ...common,
      replication: { master: { url: target.url }, slaves: target.replicaUrls.map((url) => ({ url })) },
    };
  }
  return { ...common, url: target.url };
}
