import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * TypeORM options for PostgreSQL: explicit migrations, never `synchronize`.
 * @param databaseUrl postgres://user[:password]@host:port/database
 * @param poolSize connections in the pool (DATABASE_POOL_SIZE; default 20)
 */
export function dataSourceOptions(databaseUrl: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    extra: { max: poolSize, application_name: 'aisw' },
  };
}
