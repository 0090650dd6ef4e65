import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Entities and migrations are found by file name so contexts register them by existing. */
const root = join(__dirname, '..', '..');
export const ENTITY_GLOB = join(root, '**', '*.entity.{ts,js}');
export const MIGRATION_GLOB = join(root, 'migrations', '*.{ts,js}');

export interface DatabaseTarget {
  url: string;
  replicaUrls?: string[];
  poolSize: number;
  /** Embedded PGlite: one connection only. */
  embedded: boolean;
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const pool = { max: target.embedded ? 1 : target.poolSize, connectionTimeoutMillis: 5000 };
  const common = {
    type: 'postgres' as const,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
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
