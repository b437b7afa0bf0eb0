/**
 * Benchmark: the operator-direct driver bound to the simulator's SMSC over loopback TCP, one bind.
 * For each window it prints submit_sm per second (submit → submit_sm_resp), receipts per second, and
 * the CPU each process used. The SMSC runs in its own process so the two are measured apart.
 *
 *   pnpm --filter @mtredi/bench-smpp bench            # windows 1, 10, 50, 100
 *   pnpm --filter @mtredi/bench-smpp bench -- 50 100  # only these windows
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINAL_RECEIPT_STATES, type OutboundMessage, RecordingContext } from '@mtredi/channel-sdk';
import { SmppDriver } from '@mtredi/driver-smpp';

const CLI = fileURLToPath(new URL('../../../apps/simulator/dist/cli.js', import.meta.url));
const MESSAGES: Record<number, number> = { 1: 5_000, 10: 40_000, 50: 100_000, 100: 100_000 };
const SCENARIO = `version: 1
name: bench
receipt: { delay: { kind: fixed, ms: 0 } }
smpp: { accounts: [{ systemId: bench, password: bench }] }
`;

/** user + system CPU of a process in ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startSimulator(): Promise<{ child: ChildProcess; port: number }> {
  const file = join(tmpdir(), `mtredi-bench-${process.pid}.yaml`);
  writeFileSync(file, SCENARIO);
  const child = spawn(process.execPath, [CLI, '--scenario', file, '--control-port', '0', '--smpp-port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const m = /SMPP SMSC on 127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { child, port };
}

interface Row {
  window: number;
  messages: number;
  submitsPerSecond: number;
  receiptsPerSecond: number;
  driverCpuMs: number;
  smscCpuMs: number;
  wallMs: number;
}

async function run(window: number, messages: number, port: number, smscPid: number): Promise<Row> {
  const driver = new SmppDriver({
    host: '127.0.0.1',
    port,
    systemId: 'bench',
    password: 'bench',
    window,
    throughput: 1_000_000,
    responseTimeoutMs: 30_000,
    enquireLinkIntervalMs: 0,
  });
  const ctx = new RecordingContext();
  let finals = 0;
  let lastReceiptAt = 0;
  const onReceipt = ctx.onReceipt;
  Object.assign(ctx, {
    onReceipt: (r: Parameters<typeof onReceipt>[0]) => {
      if (FINAL_RECEIPT_STATES.has(r.state)) finals++;
      lastReceiptAt = performance.now();
    },
  });
  await driver.start(ctx);
  let next = 0;
  let accepted = 0;
  const message = (i: number): OutboundMessage => ({
    id: `b${i}`,
    to: `+9955990${String(i % 100_000).padStart(5, '0')}`,
    sender: 'Mtredi',
    text: `Mtredi benchmark message number ${i}`,
    encoding: 'gsm7',
    parts: 1,
  });
  const cpu0 = process.cpuUsage();
  const smsc0 = cpuMsOf(smscPid);
  const t0 = performance.now();
  // Twice the window in flight keeps the window full while answers come back.
  const workers = Array.from({ length: window * 2 }, async () => {
    while (next < messages) {
      const r = await driver.submit(message(next++));
      if (r.kind === 'accepted') accepted++;
      else throw new Error(`submit not accepted: ${JSON.stringify(r)}`);
    }
  });
  await Promise.all(workers);
  const tSubmits = performance.now();
  while (finals < accepted && performance.now() - tSubmits < 30_000) await new Promise((r) => setTimeout(r, 2));
  const cpu = process.cpuUsage(cpu0);
  const smscCpuMs = cpuMsOf(smscPid) - smsc0;
  await driver.stop();
  return {
    window,
    messages,
    submitsPerSecond: Math.round(accepted / ((tSubmits - t0) / 1000)),
    receiptsPerSecond: Math.round(finals / ((lastReceiptAt - t0) / 1000)),
    driverCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    smscCpuMs,
    wallMs: Math.round(Math.max(lastReceiptAt, tSubmits) - t0),
  };
}

const windows = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const { child, port } = await startSimulator();
try {
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; SMSC pid ${child.pid} on 127.0.0.1:${port}`,
  );
  console.log(
    '| window | messages | submit_sm/s | receipts/s | wall ms | driver CPU ms (% of wall) | SMSC CPU ms (% of wall) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const w of windows.length > 0 ? windows : [1, 10, 50, 100]) {
    const r = await run(w, MESSAGES[w] ?? 50_000, port, child.pid as number);
    const pct = (ms: number) => `${ms} (${Math.round((ms / r.wallMs) * 100)} %)`;
    console.log(
      `| ${r.window} | ${r.messages} | ${r.submitsPerSecond} | ${r.receiptsPerSecond} | ${r.wallMs} | ${pct(r.driverCpuMs)} | ${pct(r.smscCpuMs)} |`,
    );
  }
} finally {
  child.kill('SIGTERM');
}
