import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../config/config.js';
import { ormOptions } from './orm-config.js';

/**
 * Developer command: writes the migration that brings each dialect's schema up to the entities.
 * Usage: DATABASE_URL=postgresql://…/scratch node dist/db/generate-migration.js  (and again without it for SQLite),
 * then add the new class to migrations/index.ts.
 */
const config = loadConfig();
const orm = await MikroORM.init(ormOptions(config));
try {
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false);
  console.log(result.fileName ? `written ${result.fileName}` : 'schema is up to date: nothing to write');
} finally {
  await orm.close(true);
}
