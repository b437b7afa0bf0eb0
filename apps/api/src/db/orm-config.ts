import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { AppConfig } from '../config/config.js';
import { ALL_ENTITIES } from './entities.js';
import { POSTGRESQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations/index.js';
import { tenantFilter } from './tenancy.js';

/**
 * One place that turns the configuration into MikroORM options. The two dialects get their own migration
 * files because their DDL differs; both are generated from the same entities.
 */
export function ormOptions(config: AppConfig): Partial<Options> {
  const common = {
    entities: ALL_ENTITIES,
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: false,
    ensureDatabase: false,
    filters: { [tenantFilter.name]: tenantFilter },
  };
  if (config.database.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: config.database.url,
      pool: { min: 1, max: 20 },
      migrations: {
        migrationsList: POSTGRESQL_MIGRATIONS,
        path: 'src/db/migrations/postgresql',
        snapshot: false,
        silent: true,
      },
    };
  }
  mkdirSync(dirname(config.database.file), { recursive: true });
  return {
    ...common,
    driver: SqliteDriver,
    dbName: config.database.file,
    migrations: { migrationsList: SQLITE_MIGRATIONS, path: 'src/db/migrations/sqlite', snapshot: false, silent: true },
  };
}
