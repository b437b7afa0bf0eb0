#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AggregatorBehaviour } from './aggregator/options.js';
import { type SimulatorApp, startSimulatorApp } from './app.js';
import { loadScenarioFile, ScenarioError } from './scenario/load.js';

const USAGE = `Usage: mtredi-sim [--scenario file.yaml] [--control-port 4780] [--smpp-port 2775]
                  [--aggregator-port 4781] [--aggregator-token T]... [--aggregator-sender-override off]
                  [--aggregator-provider-name SMSOFFICE]

Runs the Mtredi operator simulator. Without --scenario it accepts every message and reports it
delivered after 200 ms. The SMPP 3.4 SMSC (--smpp-port, 0 = any free port), the reserve aggregator's
HTTP API (only with --aggregator-port; 0 = any free port) and the control API listen on 127.0.0.1 only.
The scenario applies to both the SMSC and the aggregator; --aggregator-sender-override off|unauthorized|always
says whether the aggregator sends under --aggregator-provider-name instead of the requested sender.
  GET /health   GET /stats   GET /scenario   PUT /scenario   POST /reset
  GET /smpp/stats   GET|DELETE /smpp/sessions   POST /smpp/unbind   POST /smpp/mo   POST /smpp/receipts`;

const SENDER_OVERRIDES = ['off', 'unauthorized', 'always'] as const;
type SenderOverride = (typeof SENDER_OVERRIDES)[number];

/** A flag with a bad value: one line naming it, exit code 2. */
class UsageError extends Error {}

function portOf(flag: string, value: string | undefined, fallback: number): number {
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--${flag} must be a port number, got "${value}"`);
  }
  return port;
}

function senderOverrideOf(value: string | undefined): SenderOverride | undefined {
  if (value === undefined) return undefined;
  const known = SENDER_OVERRIDES.find((o) => o === value);
  if (!known)
    throw new UsageError(`--aggregator-sender-override must be one of ${SENDER_OVERRIDES.join(', ')}, got "${value}"`);
  return known;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the CLI; resolves with the running app, or with an exit code when it should not keep running. */
export async function runCli(argv: string[], io: CliIo): Promise<SimulatorApp | number> {
  let values: {
    scenario?: string;
    'control-port'?: string;
    'smpp-port'?: string;
    'aggregator-port'?: string;
    'aggregator-token'?: string[];
    'aggregator-sender-override'?: string;
    'aggregator-provider-name'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      // `pnpm sim -- --scenario x` hands the `--` through; it separates nothing here.
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        scenario: { type: 'string', short: 's' },
        'control-port': { type: 'string', short: 'p' },
        'smpp-port': { type: 'string' },
        'aggregator-port': { type: 'string' },
        'aggregator-token': { type: 'string', multiple: true },
        'aggregator-sender-override': { type: 'string' },
        'aggregator-provider-name': { type: 'string' },
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
  let ports: { control: number; smpp: number; aggregator: number | null };
  let behaviour: Partial<AggregatorBehaviour>;
  try {
    ports = {
      control: portOf('control-port', values['control-port'], 4780),
      smpp: portOf('smpp-port', values['smpp-port'], 2775),
      aggregator:
        values['aggregator-port'] === undefined ? null : portOf('aggregator-port', values['aggregator-port'], 4781),
    };
    const override = senderOverrideOf(values['aggregator-sender-override']);
    const providerName = values['aggregator-provider-name'];
    behaviour = { ...(override ? { senderOverride: override } : {}), ...(providerName ? { providerName } : {}) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mtredi-sim: ${error.message}`);
    return 2;
  }
  try {
    // `pnpm sim -- --scenario x.yaml` runs in this package's folder; INIT_CWD is where it was typed.
    const file = values.scenario ? resolve(process.env.INIT_CWD ?? process.cwd(), values.scenario) : undefined;
    const scenario = file ? await loadScenarioFile(file) : undefined;
    const app = await startSimulatorApp({
      controlPort: ports.control,
      smppPort: ports.smpp,
      aggregatorPort: ports.aggregator,
      aggregatorTokens: values['aggregator-token'] ?? [],
      aggregatorBehaviour: behaviour,
      ...(scenario ? { scenario } : {}),
    });
    const name = app.simulator.currentScenario.name ?? values.scenario ?? 'default';
    const smpp = app.smsc ? `; SMPP SMSC on 127.0.0.1:${app.smsc.address.port}` : '';
    const aggregator = app.aggregator ? `; aggregator API on ${app.aggregator.url}` : '';
    io.out(`mtredi-sim: scenario "${name}"; control API on ${app.controlUrl}${smpp}${aggregator}`);
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
