#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DRILLS } from './drills/index.js';
import { formatReport } from './report.js';
import { runDrill } from './run.js';

const USAGE = `Usage: pnpm --filter @mtredi/drills drill <name> [--short]

Runs one outage drill against the real platform and the operator simulator (both started here as
processes on 127.0.0.1, removed afterwards) and prints its report. The long form uses the issue's
numbers; --short is the form CI runs. With DATABASE_URL (postgresql://…) a fresh database is created
on that server and dropped; otherwise an SQLite file in a temporary directory.

Drills: ${DRILLS.map((d) => d.name).join(', ')}, all`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: { short: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  const name = positionals[0];
  if (values.help || !name) {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const chosen = name === 'all' ? DRILLS : DRILLS.filter((d) => d.name === name);
  if (chosen.length === 0) {
    console.error(`mtredi-drill: no drill named "${name}"\n${USAGE}`);
    return 2;
  }
  let failed = 0;
  for (const drill of chosen) {
    const started = Date.now();
    const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
    const report = await runDrill(drill, {
      form: values.short ? 'short' : 'long',
      postgresServer: process.env.DATABASE_URL,
      log,
    });
    console.log(`\n${formatReport(report)}\n`);
    if (!report.ok) failed++;
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
