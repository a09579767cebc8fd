import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** DataSource for the TypeORM CLI (`npm run migration:*`); reads DATABASE_URL like the app does. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aisw'));
