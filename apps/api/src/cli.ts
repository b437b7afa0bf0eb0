#!/usr/bin/env node
import 'reflect-metadata';
import { Redis } from 'ioredis';
import { type AppConfig, ConfigError, loadConfig } from './config/config.js';
import { migrate } from './db/migrate.js';
import { DEMO, ensureStaffUser, seedDemo, withSystemEm } from './db/seed-demo.js';
import { createHttpApp } from './http.js';
import { startWorker } from './worker.js';

const USAGE = `Usage: mtredi <command>
  start      migrate, seed the demo organization, serve the API + portal and run the workers
  migrate    apply database migrations
  seed-demo  create the demo organization (idempotent) and print a fresh demo API key
  create-staff <email> <name>   create a platform staff user; the password is read from MTREDI_STAFF_PASSWORD
  api        serve HTTP only (MTREDI_ROLE=api)
  worker     run queue workers and channels only`;

/** One clear line instead of a stack trace when Redis is missing. */
async function requireRedis(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redis.url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new ConfigError(
      `Redis is not reachable at ${config.redis.url}. Start it (redis-server --daemonize yes) or install it ` +
        '(apt-get install redis-server), or point REDIS_URL at a running Redis.',
    );
  } finally {
    redis.disconnect();
  }
}

async function start(config: AppConfig): Promise<void> {
  await requireRedis(config);
  await migrate(config);
  const { apiKey } = await seedDemo(config);
  const app = await createHttpApp(config);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const db = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  process.stdout.write(
    [
      '',
      `  Mtredi is ready: ${url}`,
      `  Portal login:    ${DEMO.email} / ${DEMO.password}   (staff: ${DEMO.staffEmail} / ${DEMO.staffPassword})`,
      `  Demo API key:    ${apiKey}`,
      `  API docs:        ${url}/api/docs`,
      `  Database:        ${db}; channel: Local simulator`,
      `  Try it:          curl -X POST ${url}/v1/messages -H 'Authorization: Bearer ${apiKey}' \\`,
      `                     -H 'Content-Type: application/json' -d '{"to":"599123456","sender":"${DEMO.sender}","text":"გამარჯობა"}'`,
      '',
    ].join('\n'),
  );
}

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const applied = await migrate(config);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
      return;
    }
    case 'seed-demo': {
      await migrate(config);
      const { apiKey } = await seedDemo(config);
      console.log(`Demo organization ready. Login ${DEMO.email} / ${DEMO.password}. API key: ${apiKey}`);
      return;
    }
    case 'create-staff': {
      const [email, name] = process.argv.slice(3);
      const password = process.env.MTREDI_STAFF_PASSWORD ?? '';
      if (!email || !name || password.length < 10) {
        throw new ConfigError('create-staff needs <email> <name> and MTREDI_STAFF_PASSWORD of at least 10 characters');
      }
      await migrate(config);
      const created = await withSystemEm(config, (em) => ensureStaffUser(em, email.toLowerCase(), password, name));
      console.log(created ? `Staff user ${email} created` : `A user ${email} already exists; nothing changed`);
      return;
    }
    case 'api': {
      await requireRedis(config);
      const app = await createHttpApp({ ...config, role: 'api' });
      await app.listen({ port: config.port, host: config.host });
      return;
    }
    case 'worker':
      await requireRedis(config);
      await startWorker(config);
      return;
    default:
      console.error(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`mtredi: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
