import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Output kept per process for failure messages; older output is dropped. */
const KEEP_OUTPUT_CHARS = 2_000_000;
const STOP_GRACE_MS = 10_000;

const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** Children are killed when this process ends, also on Ctrl-C or an uncaught failure. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

export interface SpawnOptions {
  name: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * A child Node.js process whose output is kept and searchable, which is stopped with SIGTERM (SIGKILL
 * after 10 s) and never outlives the process that started it.
 */
export class ManagedProcess {
  private output = '';
  private readonly listeners = new Set<(chunk: string) => void>();
  private readonly child: ChildProcess;
  private lastPeakKb = 0;
  readonly exited: Promise<number | null>;

  constructor(readonly options: SpawnOptions) {
    installExitHook();
    this.child = spawn(process.execPath, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      this.output += text;
      if (this.output.length > KEEP_OUTPUT_CHARS) this.output = this.output.slice(-KEEP_OUTPUT_CHARS / 2);
      for (const listener of this.listeners) listener(text);
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => {
        running.delete(this);
        resolve(code);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process printed (the last 2 MB). */
  text(): string {
    return this.output;
  }

  /** Calls `listener` with every chunk printed from now on; returns the unsubscribe function. */
  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first match of `pattern` in the output, or fails after `timeoutMs` or on exit. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const found = pattern.exec(this.output);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      let seen = '';
      const done = (error?: Error, match?: RegExpExecArray): void => {
        clearTimeout(timer);
        off();
        if (error) reject(error);
        else resolve(match as RegExpExecArray);
      };
      const timer = setTimeout(
        () => done(new Error(`${this.options.name}: no ${pattern} within ${timeoutMs} ms\n${this.tail()}`)),
        timeoutMs,
      );
      const off = this.onOutput((chunk) => {
        seen += chunk;
        const match = pattern.exec(seen);
        if (match) done(undefined, match);
      });
      void this.exited.then((code) => done(new Error(`${this.options.name} exited (code ${code})\n${this.tail()}`)));
    });
  }

  /**
   * Peak resident memory in MB (VmHWM from /proc), the highest value seen while the process lived.
   * Read it before `stop`.
   */
  peakRssMb(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
      this.lastPeakKb = Math.max(this.lastPeakKb, kb);
    } catch {
      // Gone already: the last value read stands.
    }
    return Math.round(this.lastPeakKb / 1024);
  }

  /** CPU (user + system) used so far, in ms, from /proc (clock ticks of 10 ms). */
  cpuMs(): number {
    try {
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.peakRssMb();
    const killer = setTimeout(() => this.kill('SIGKILL'), STOP_GRACE_MS);
    this.kill('SIGTERM');
    await this.exited;
    clearTimeout(killer);
  }

  tail(chars = 4000): string {
    return `--- last output of ${this.options.name} ---\n${this.output.slice(-chars)}`;
  }
}
