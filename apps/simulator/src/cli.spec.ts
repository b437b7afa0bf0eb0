import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SimulatorApp } from './app.js';
import { runCli } from './cli.js';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
};

describe('mtredi-sim CLI', () => {
  it('starts with a scenario file and serves the control API', async () => {
    const { io, out } = capture();
    const example = new URL('../scenarios/example.yaml', import.meta.url).pathname;
    const app = (await runCli(['--scenario', example, '--control-port', '0', '--smpp-port', '0'], io)) as SimulatorApp;
    try {
      expect(out[0]).toMatch(
        /^mtredi-sim: scenario "georgian-networks-example"; control API on http:\/\/127\.0\.0\.1:\d+; SMPP SMSC on 127\.0\.0\.1:\d+$/,
      );
      const res = await fetch(`${app.controlUrl}/scenario`);
      expect(((await res.json()) as { seed: number }).seed).toBe(2026);
    } finally {
      await app.close();
    }
  });

  it('takes `pnpm sim -- --scenario path` with the path relative to where pnpm was run', async () => {
    const { io, out } = capture();
    const repo = new URL('../../../', import.meta.url).pathname;
    const before = process.env.INIT_CWD;
    process.env.INIT_CWD = repo;
    try {
      const args = [
        '--',
        '--scenario',
        'apps/simulator/scenarios/smpp-drill.yaml',
        '--control-port',
        '0',
        '--smpp-port',
        '0',
      ];
      const app = (await runCli(args, io)) as SimulatorApp;
      await app.close();
      expect(out[0]).toMatch(/^mtredi-sim: scenario "smpp-drill"; .* SMPP SMSC on 127\.0\.0\.1:\d+$/);
    } finally {
      if (before === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = before;
    }
  });

  it('refuses a bad file with one line naming the field, exit code 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mtredi-sim-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'version: 1\nsubmitLatency: { kind: sometimes }\n');
    const { io, err } = capture();
    expect(await runCli(['--scenario', file], io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^mtredi-sim: ${file}: submitLatency\\.kind \\(line 2\\): `));
  });

  it('refuses bad options with exit code 2', async () => {
    const { io, err } = capture();
    expect(await runCli(['--control-port', 'x'], io)).toBe(2);
    expect(err[0]).toContain('--control-port must be a port number');
    expect(await runCli(['--bogus'], io)).toBe(2);
  });

  it('reports a taken port instead of crashing', async () => {
    const first = (await runCli(['--control-port', '0', '--smpp-port', '0'], capture().io)) as SimulatorApp;
    try {
      const port = new URL(first.controlUrl).port;
      const { io, err } = capture();
      expect(await runCli(['--control-port', port, '--smpp-port', '0'], io)).toBe(1);
      expect(err[0]).toMatch(/^mtredi-sim: cannot start: .*EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('runs as a program: bad scenario exits 1 with the message on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mtredi-sim-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'version: 1\nseed: many\n');
    // The built program, as `node dist/cli.js` runs it (the test script builds first).
    const cli = new URL('../dist/cli.js', import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, [cli, '--scenario', file]);
    const error = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe(
      `mtredi-sim: ${file}: seed (line 2): Invalid input: expected number, received string`,
    );
  });
});
