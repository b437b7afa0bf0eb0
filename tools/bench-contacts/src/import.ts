/**
 * The whole contact import through the API, as a customer runs it: a 100,000-row .xlsx (Georgian names,
 * numbers in mixed forms) uploaded to POST /v1/imports, started, and followed until the report — on
 * PostgreSQL, API and import job in one process. Prints the time and that process's peak RSS.
 * Usage: pnpm --filter @mtredi/bench-contacts bench:import  [ROWS=100000] [SERVER=postgresql://…/postgres]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';

const ROWS = Number(process.env.ROWS ?? 100_000);
const SERVER = process.env.SERVER ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const db = `mtredi_bench_import_${process.pid}`;
const FORMS = [
  (n: string) => n,
  (n: string) => `0${n}`,
  (n: string) => `+995 ${n.slice(0, 3)} ${n.slice(3)}`,
  (n: string) => `995${n}`,
];
const NAMES = ['ნინო', 'გიორგი', 'ანა', 'ლევანი', 'მარიამ', 'დავით', 'თამარ', 'ლუკა'];

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const FILE = `/tmp/mtredi-bench-import-${ROWS}.xlsx`;
// The workbook is made in a separate run, so building it does not count in this process's peak memory.
if (process.argv[2] === 'make') {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('კლიენტები');
  sheet.addRow(['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი']);
  for (let i = 0; i < ROWS; i++) {
    const n = `5${String(91000000 + i).padStart(8, '0')}`;
    sheet.addRow([
      (FORMS[i % FORMS.length] as (n: string) => string)(n),
      NAMES[i % NAMES.length],
      `გვარი${i % 977}`,
      'თბილისი',
    ]);
  }
  writeFileSync(FILE, Buffer.from(await workbook.xlsx.writeBuffer()));
  process.exit(0);
}
const file = readFileSync(FILE);

await admin(`create database ${db}`);
const url = new URL(SERVER);
url.pathname = `/${db}`;
Object.assign(process.env, {
  DATABASE_URL: url.toString(),
  MTREDI_DATA_DIR: `/tmp/${db}`,
  MTREDI_REDIS_PREFIX: db,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  MTREDI_ROLE: 'all',
  MTREDI_RATE_LIMIT_PER_SECOND: '100000',
});
const { loadConfig } = await import('@mtredi/api/dist/config/config.js' as string);
const { migrate } = await import('@mtredi/api/dist/db/migrate.js' as string);
const { seedDemo, DEMO } = await import('@mtredi/api/dist/db/seed-demo.js' as string);
const { createHttpApp } = await import('@mtredi/api/dist/http.js' as string);

const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
try {
  const config = loadConfig();
  await migrate(config);
  await seedDemo(config);
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
  const rssBefore = peakRss();
  const started = performance.now();
  const upload = await fastify.inject({
    method: 'POST',
    url: '/v1/imports?fileName=bench.xlsx',
    headers: { cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    payload: file,
  });
  const preview = JSON.parse(upload.body);
  const previewMs = performance.now() - started;
  await fastify.inject({
    method: 'POST',
    url: `/v1/imports/${preview.id}/start`,
    headers: { cookie },
    payload: { headerRow: preview.headerRow, mapping: preview.mapping },
  });
  let status: { status: string; counts: Record<string, number> } = { status: 'queued', counts: {} };
  const deadline = Date.now() + 10 * 60_000;
  while (!['completed', 'failed'].includes(status.status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    status = JSON.parse(
      (await fastify.inject({ method: 'GET', url: `/v1/imports/${preview.id}`, headers: { cookie } })).body,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  console.log(`\n| rows | file | upload + preview | upload → report | rows/s | peak RSS (whole process) | result |`);
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  console.log(
    `| ${ROWS.toLocaleString('en')} | ${(file.length / 1024 / 1024).toFixed(1)} MiB .xlsx | ${(previewMs / 1000).toFixed(2)} s | ${seconds.toFixed(1)} s | ${Math.round(ROWS / seconds).toLocaleString('en')} | ${peakRss().toFixed(0)} MB (before: ${rssBefore.toFixed(0)} MB) | ${status.status} ${JSON.stringify(status.counts)} |`,
  );
} finally {
  await admin(`drop database if exists ${db} with (force)`);
}
