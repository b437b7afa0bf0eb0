import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to an SQLite file under the data directory and a local Redis', () => {
    const config = loadConfig({ MTREDI_DATA_DIR: '/tmp/mtredi-data' });
    expect(config.database).toEqual({ kind: 'sqlite', file: '/tmp/mtredi-data/mtredi.sqlite' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'mtredi' });
    expect(config).toMatchObject({ port: 3000, role: 'all', drivers: ['@mtredi/driver-simulator'] });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/mtredi' });
    expect(config.database).toEqual({ kind: 'postgresql', url: 'postgresql://u@db:5432/mtredi' });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => loadConfig({ MTREDI_ROLE: 'both' })).toThrow(/MTREDI_ROLE/);
  });
});
