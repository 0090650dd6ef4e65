import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * The TypeORM CLI's entry point (`npm run migration:generate`, drift check). It needs a real
 * server: DATABASE_URL is required here.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set for TypeORM CLI commands');
export default new DataSource(dataSourceOptions({ url, poolSize: 2, embedded: false }));
