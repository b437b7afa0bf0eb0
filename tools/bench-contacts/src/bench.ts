/**
 * Contact search at scale: a fresh PostgreSQL database, one organization with 1,000,000 contacts (Georgian
 * names, unique mobile numbers), then the API's own contact list endpoint timed for number-fragment search,
 * name search, paging deep into the list, and sorting. Prints p50/p95 per query. Loopback only.
 * Usage: pnpm --filter @mtredi/bench-contacts bench  [CONTACTS=1000000] [SERVER=postgresql://postgres@127.0.0.1:5432/postgres]
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const COUNT = Number(process.env.CONTACTS ?? 1_000_000);
const SERVER = process.env.SERVER ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const RUNS = 20;
const db = `mtredi_bench_contacts_${process.pid}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await admin(`create database ${db}`);
const url = new URL(SERVER);
url.pathname = `/${db}`;
process.env.DATABASE_URL = url.toString();
process.env.MTREDI_DATA_DIR = `/tmp/${db}`;
process.env.MTREDI_REDIS_PREFIX = db;
process.env.LOG_LEVEL = 'warn';
process.env.NODE_ENV = 'production';
process.env.MTREDI_ROLE = 'api';
process.env.MTREDI_RATE_LIMIT_PER_SECOND = '100000';

const { loadConfig } = await import('@mtredi/api/dist/config/config.js' as string);
const { migrate } = await import('@mtredi/api/dist/db/migrate.js' as string);
const { seedDemo, DEMO } = await import('@mtredi/api/dist/db/seed-demo.js' as string);
const { createHttpApp } = await import('@mtredi/api/dist/http.js' as string);

try {
  const config = loadConfig();
  await migrate(config);
  const { organizationId } = await seedDemo(config);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const started = performance.now();
  await client.query(
    `insert into contacts (id, organization_id, phone, first_name, last_name, fields, created_at, updated_at)
     select gen_random_uuid(), $1, '+9955' || lpad((10000000 + i)::text, 8, '0'),
            (array['ნინო','გიორგი','ანა','ლევანი','მარიამ','დავით','თამარ','ლუკა','Nino','Giorgi'])[1 + i % 10],
            (array['ბერიძე','მაისურაძე','კაპანაძე','ლომიძე','გელაშვილი','Beridze','Kapanadze'])[1 + (i / 10) % 7] || (i % 1000)::text,
            null, now() - (i || ' seconds')::interval, now()
       from generate_series(1, $2::int) as i`,
    [organizationId, COUNT],
  );
  await client.query('analyze contacts');
  const loadSeconds = (performance.now() - started) / 1000;
  await client.end();

  const app = await createHttpApp(config);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const login = await fastify.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: DEMO.email, password: DEMO.password },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';

  const queries: [string, string][] = [
    ['first page, newest first', '/v1/contacts?limit=50'],
    ['number fragment "1234567"', '/v1/contacts?search=1234567&limit=50'],
    ['number fragment "99999"', '/v1/contacts?search=99999&limit=50'],
    ['name "მაისურაძე12"', `/v1/contacts?search=${encodeURIComponent('მაისურაძე12')}&limit=50`],
    ['sorted by name, page 1', '/v1/contacts?sort=name&limit=50'],
    ['page at offset 500,000', '/v1/contacts?limit=50&offset=500000'],
  ];
  const rows: string[] = [];
  for (const [name, path] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fastify.inject({ method: 'GET', url: path, headers: { cookie } });
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
      total = JSON.parse(res.body).total;
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${name} | ${total.toLocaleString('en')} | ${times[Math.floor(RUNS / 2)]?.toFixed(1)} | ${times[Math.floor(RUNS * 0.95)]?.toFixed(1)} |`,
    );
  }
  await app.close();
  console.log(
    `\n${COUNT.toLocaleString('en')} contacts loaded in ${loadSeconds.toFixed(1)} s (PostgreSQL, one organization)\n`,
  );
  console.log('| query (GET /v1/contacts, 50 per page) | matches (total) | p50 ms | p95 ms |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
} finally {
  await admin(`drop database if exists ${db} with (force)`);
}
