import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type AppConfig, loadConfig } from '../../src/config/config.js';
import { migrate } from '../../src/db/migrate.js';
import { ormOptions } from '../../src/db/orm-config.js';
import { seedDemo } from '../../src/db/seed-demo.js';
import { Tenancy } from '../../src/db/tenancy.js';
import { createHttpApp } from '../../src/http.js';
import { CreditService } from '../../src/modules/billing/credit.service.js';
import { Channel } from '../../src/modules/channels/channel.entity.js';
import { startWorker } from '../../src/worker.js';

/**
 * A throw-away installation for one test file: its own database (an SQLite file, or a fresh PostgreSQL
 * database on the server named by DATABASE_URL) and its own Redis key prefix, all removed afterwards.
 */
export interface TestPlatform {
  config: AppConfig;
  apiKey: string;
  organizationId: string;
  /** Another app on the same database and Redis (e.g. a worker started later). */
  startWorker(): Promise<INestApplicationContext>;
  startHttp(role?: AppConfig['role']): Promise<NestFastifyApplication>;
  destroy(): Promise<void>;
}

export interface TestPlatformOptions {
  env?: Record<string, string>;
  /** Settings of the seeded simulator channel (driver config), e.g. a scenario with per-number outcomes. */
  simulator?: Record<string, unknown>;
  /** Stop migrating at this migration and seed nothing: a database as an older release left it. */
  schemaAt?: string;
}

export async function createTestPlatform({
  env = {},
  simulator,
  schemaAt,
}: TestPlatformOptions = {}): Promise<TestPlatform> {
  const suffix = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'mtredi-test-'));
  const serverUrl = process.env.DATABASE_URL;
  const databaseName = `mtredi_test_${suffix}`;
  let databaseUrl: string | undefined;
  if (serverUrl) {
    await adminQuery(serverUrl, `create database ${databaseName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MTREDI_DATA_DIR: dataDir,
    MTREDI_REDIS_PREFIX: `mtredi-test-${suffix}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: '0',
    MTREDI_RATE_LIMIT_PER_SECOND: '100000',
    // Webhook receivers in tests listen on 127.0.0.1; a test of the refusal sets this to false.
    MTREDI_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  if (schemaAt) await migrateTo(config, schemaAt);
  else await migrate(config);
  const { apiKey, organizationId } = schemaAt ? { apiKey: '', organizationId: '' } : await seedDemo(config);
  if (simulator) await configureSimulator(config, simulator);
  const apps: INestApplicationContext[] = [];

  return {
    config,
    apiKey,
    organizationId,
    async startWorker() {
      const app = await startWorker(config);
      apps.push(app);
      return app;
    },
    async startHttp(role = 'all') {
      const app = await createHttpApp({ ...config, role });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      apps.push(app);
      return app;
    },
    async destroy() {
      for (const app of apps.reverse()) await app.close();
      await deleteRedisKeys(config);
      if (serverUrl) await adminQuery(serverUrl, `drop database if exists ${databaseName} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Everything under this platform's prefix: what a flushed or restarted Redis would have lost. */
export async function deleteRedisKeys(config: AppConfig): Promise<number> {
  const redis = new Redis(config.redis.url);
  try {
    let deleted = 0;
    const stream = redis.scanStream({ match: `${config.redis.prefix}:*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length) deleted += await redis.del(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

async function migrateTo(config: AppConfig, name: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    await orm.migrator.up({ to: name });
  } finally {
    await orm.close(true);
  }
}

async function configureSimulator(config: AppConfig, settings: Record<string, unknown>): Promise<void> {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    await orm.em.fork().nativeUpdate(Channel, { driver: 'simulator' }, { config: { version: 1, settings } });
  } finally {
    await orm.close(true);
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}

/** Gives the demo organization credit, as a confirmed top-up would (for tests that send a lot). */
export async function grantCredit(app: INestApplicationContext, organizationId: string, amount: number): Promise<void> {
  await app
    .get(Tenancy)
    .system()
    .transactional((tx) =>
      new CreditService().post(tx, {
        organizationId,
        idempotencyKey: `test-credit:${organizationId}:${amount}`,
        kind: 'top_up',
        debit: 'sales',
        credit: 'available',
        amount,
        memo: 'credit for a test',
      }),
    );
}
