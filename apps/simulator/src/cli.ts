#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type SimulatorApp, startSimulatorApp } from './app.js';
import { loadScenarioFile, ScenarioError } from './scenario/load.js';

const USAGE = `Usage: mtredi-sim [--scenario file.yaml] [--control-port 4780] [--smpp-port 2775]

Runs the Mtredi operator simulator. Without --scenario it accepts every message and reports it
delivered after 200 ms. The SMPP 3.4 SMSC (--smpp-port, 0 = any free port) and the control API
listen on 127.0.0.1 only:
  GET /health   GET /stats   GET /scenario   PUT /scenario   POST /reset
  GET /smpp/stats   GET|DELETE /smpp/sessions   POST /smpp/unbind   POST /smpp/mo   POST /smpp/receipts`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the CLI; resolves with the running app, or with an exit code when it should not keep running. */
export async function runCli(argv: string[], io: CliIo): Promise<SimulatorApp | number> {
  let values: { scenario?: string; 'control-port'?: string; 'smpp-port'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      // `pnpm sim -- --scenario x` hands the `--` through; it separates nothing here.
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        scenario: { type: 'string', short: 's' },
        'control-port': { type: 'string', short: 'p' },
        'smpp-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`mtredi-sim: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const port = Number(values['control-port'] ?? 4780);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`mtredi-sim: --control-port must be a port number, got "${values['control-port']}"`);
    return 2;
  }
  const smppPort = Number(values['smpp-port'] ?? 2775);
  if (!Number.isInteger(smppPort) || smppPort < 0 || smppPort > 65_535) {
    io.err(`mtredi-sim: --smpp-port must be a port number, got "${values['smpp-port']}"`);
    return 2;
  }
  try {
    // `pnpm sim -- --scenario x.yaml` runs in this package's folder; INIT_CWD is where it was typed.
    const file = values.scenario ? resolve(process.env.INIT_CWD ?? process.cwd(), values.scenario) : undefined;
    const scenario = file ? await loadScenarioFile(file) : undefined;
    const app = await startSimulatorApp({ controlPort: port, smppPort, ...(scenario ? { scenario } : {}) });
    const name = app.simulator.currentScenario.name ?? values.scenario ?? 'default';
    const smpp = app.smsc ? `; SMPP SMSC on 127.0.0.1:${app.smsc.address.port}` : '';
    io.out(`mtredi-sim: scenario "${name}"; control API on ${app.controlUrl}${smpp}`);
    return app;
  } catch (error) {
    if (error instanceof ScenarioError) io.err(`mtredi-sim: ${error.message}`);
    else io.err(`mtredi-sim: cannot start: ${(error as Error).message}`);
    return 1;
  }
}

function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const result = await runCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  if (typeof result === 'number') {
    process.exitCode = result;
  } else {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void result.close());
    }
  }
}
