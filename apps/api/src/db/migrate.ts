import { MikroORM } from '@mikro-orm/core';
import type { AppConfig } from '../config/config.js';
import { ormOptions } from './orm-config.js';

/** Applies pending migrations; returns the names applied. Run by `cli migrate` and by `cli start`. */
export async function migrate(config: AppConfig): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
