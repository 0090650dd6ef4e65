import { DataSource } from 'typeorm';
import { communicationsDataSourceOptions } from './communications-data-source';

/**
 * The TypeORM CLI's entry point for a separate communications database (its migrations and drift
 * check): `typeorm migration:generate --check -d dist/platform/database/communications-cli-data-source.js`.
 * COMMUNICATIONS_DATABASE_URL is required here. Without one the communications tables are part of
 * the main database and its CLI entry point (data-source.ts) covers them.
 */
const url = process.env.COMMUNICATIONS_DATABASE_URL;
if (!url) throw new Error('COMMUNICATIONS_DATABASE_URL must be set for the communications TypeORM CLI');
export default new DataSource(communicationsDataSourceOptions({ url, poolSize: 2, embedded: false }));
