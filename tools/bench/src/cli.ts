#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchResult, runBench } from './bench.js';
import type { WaitShare } from './pg-waits.js';
import type { ProfileSummary } from './profile.js';
import { markdownTable, rows, textTable } from './table.js';

const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
/** Everything after this line of RESULTS.md is written by hand and kept when the tables are rewritten. */
const ANALYSIS = '<!-- analysis: kept across runs -->';
const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

const USAGE = `Usage: pnpm bench [-- --connections 32 --seconds 15 --recipients 100000 --profile --max-old-space MB --no-write]

Starts PostgreSQL-backed Mtredi (API and worker as separate processes) and the operator simulator on
127.0.0.1, measures the single-send API and a campaign end to end through the SMPP driver, prints a
table and writes it to tools/bench/RESULTS.md. Build first (pnpm build). BENCH_DATABASE_SERVER (default
${DEFAULT_SERVER}) names the server on which a fresh database is created and dropped.
--profile runs the API and the worker under node --cpu-prof and lists where their CPU time went.
--max-old-space sets their V8 heap cap (MTREDI_MAX_HEAP_MB; default 384 MB as in tools/start.sh).`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      connections: { type: 'string', default: '32' },
      seconds: { type: 'string', default: '15' },
      recipients: { type: 'string', default: '100000' },
      profile: { type: 'boolean', default: false },
      'max-old-space': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const connections = Number(values.connections);
  const apiSeconds = Number(values.seconds);
  const campaignSize = Number(values.recipients);
  if (![connections, apiSeconds, campaignSize].every((n) => Number.isInteger(n) && n > 0) || campaignSize > 1_000_000) {
    console.error(
      `mtredi-bench: --connections, --seconds and --recipients (at most 1000000) must be whole numbers\n${USAGE}`,
    );
    return 2;
  }
  const started = Date.now();
  const result = await runBench({
    postgresServer: process.env.BENCH_DATABASE_SERVER ?? DEFAULT_SERVER,
    connections,
    apiSeconds,
    campaignSize,
    profile: values.profile,
    maxOldSpaceMb: values['max-old-space'] ? Number(values['max-old-space']) : undefined,
    log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`),
  });
  const table = rows(result, connections, apiSeconds);
  console.log(`\n${textTable(table)}\n`);
  console.log(
    `reference work (400,000 SHA-256 digests, one core): ${result.machine.referenceMs.join(' / ')} ms before / after\n`,
  );
  console.log(`${formatWaits('database connections during the API run', result.apiWaits)}\n`);
  console.log(`${formatWaits('database connections during the campaign', result.campaign.waits)}\n`);
  for (const profile of result.profiles) console.log(`${formatProfile(profile)}\n`);
  if (!values['no-write']) {
    const kept = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8').split(ANALYSIS)[1] : undefined;
    writeFileSync(RESULTS, `${resultsMarkdown(result, markdownTable(table))}\n${ANALYSIS}${kept ?? '\n'}`);
    console.log(`written to ${RESULTS}`);
  }
  return 0;
}

function resultsMarkdown(r: BenchResult, table: string): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  return [
    '# Benchmark results',
    '',
    `Run \`pnpm bench\` (after \`pnpm build\`) on ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${r.machine.cpus} cores, ` +
      `Node.js ${r.machine.node}, PostgreSQL ${r.machine.postgres}, Redis on 127.0.0.1. Load average (1/5/15 min) ` +
      `${load(r.machine.loadBefore)} before and ${load(r.machine.loadAfter)} after. Reference work (400,000 SHA-256 ` +
      `digests, one core) took ${r.machine.referenceMs.join(' / ')} ms before / after: compare runs with it.`,
    '',
    'Load generator: node:http, one closed loop per keep-alive connection (a request is sent when the previous',
    'answer is read), 3 s of warm-up not counted. The API and the worker run as separate processes',
    '(`MTREDI_ROLE=api node apps/api/dist/cli.js start`, `node apps/api/dist/cli.js worker`); the simulator is',
    '`apps/simulator/dist/cli.js` with answers and receipts at once. Campaign times come from the database:',
    '"last status stored" is the latest `updated_at`, accept → delivered is `updated_at − created_at` of each',
    'delivered message.',
    '',
    table,
    '',
    '## What the database connections were doing',
    '',
    'Sampled from `pg_stat_activity` every 100 ms: share of busy-backend samples per statement and wait',
    '(`CPU` = running), and how many backends were in that state on average.',
    '',
    '```',
    formatWaits('during the API run', r.apiWaits),
    '',
    formatWaits('during the campaign', r.campaign.waits),
    '```',
    '',
    ...(r.profiles.length
      ? [
          '## Where the CPU time went (`--profile`)',
          '',
          ...r.profiles.map((p) => `\`\`\`\n${formatProfile(p)}\n\`\`\`\n`),
        ]
      : []),
  ].join('\n');
}

function formatWaits(title: string, waits: WaitShare[]): string {
  return [
    `${title}:`,
    ...waits.map(
      (w) =>
        `  ${(w.share * 100).toFixed(0).padStart(3)} %  ${w.average.toFixed(1).padStart(4)} backends  ${w.wait} (${w.state}): ${w.query}`,
    ),
  ].join('\n');
}

function formatProfile(p: ProfileSummary): string {
  const pct = (v: number) => `${(v * 100).toFixed(1).padStart(5)} %`;
  return [
    `${p.file.split('/').at(-1)}: ${(p.totalMs / 1000).toFixed(1)} s of samples, ${(p.busyMs / 1000).toFixed(1)} s busy`,
    `  by package (self time, of all samples): ${p.packages.map((x) => `${x.name} ${pct(x.share).trim()}`).join(', ')}`,
    `  socket writes called from: ${p.writers.map((w) => `${w.name} ${pct(w.share).trim()}`).join(', ')}`,
    '  functions of this repository by inclusive time, share of busy time:',
    ...p.ours.map((h) => `  ${pct(h.selfShare)}  ${h.where}`),
    '  functions by self time, share of all samples:',
    ...p.hot.map((h) => `  ${pct(h.selfShare)}  ${h.where}`),
  ].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
