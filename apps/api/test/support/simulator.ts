import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/core';
import type { AppConfig } from '../../src/config/config.js';
import { ormOptions } from '../../src/db/orm-config.js';
import { Channel } from '../../src/modules/channels/channel.entity.js';

const SIMULATOR_CLI = fileURLToPath(new URL('../../../simulator/dist/cli.js', import.meta.url));

/**
 * The operator simulator (apps/simulator, built) as its own process: an SMPP SMSC and its control API, and
 * with `aggregatorPort` the reserve aggregator's HTTP API (0: any free port; a number: that one, e.g. to
 * start it again where a stopped one listened).
 */
export class SimulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly controlUrl: string,
    readonly smppPort: number,
    /** `http://127.0.0.1:port` of the aggregator API; undefined when it was not asked for. */
    readonly aggregatorUrl: string | undefined,
  ) {}

  static start(options: { aggregatorPort?: number } = {}): Promise<SimulatorProcess> {
    const args = [SIMULATOR_CLI, '--control-port', '0', '--smpp-port', '0'];
    if (options.aggregatorPort !== undefined) args.push('--aggregator-port', String(options.aggregatorPort));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 20_000);
      const read = (chunk: Buffer) => {
        out += chunk.toString();
        const ready =
          /control API on (http:\/\/127\.0\.0\.1:\d+); SMPP SMSC on 127\.0\.0\.1:(\d+)(?:; aggregator API on (http:\/\/127\.0\.0\.1:\d+))?\n/.exec(
            out,
          );
        if (!ready) return;
        clearTimeout(timer);
        child.stdout?.off('data', read);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(new SimulatorProcess(child, ready[1] as string, Number(ready[2]), ready[3]));
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
    });
  }

  setScenario(scenario: Record<string, unknown>): Promise<unknown> {
    return this.control('PUT', '/scenario', { version: 1, smpp: { accounts: [SMPP_ACCOUNT] }, ...scenario });
  }

  stats(): Promise<{ accepted: number; submitted: number; receiptsSent: number }> {
    return this.control('GET', '/stats') as Promise<{ accepted: number; submitted: number; receiptsSent: number }>;
  }

  smscStats(): Promise<{ submits: number; submitsSwallowed: number; bindsAccepted: number; sessions: number }> {
    return this.control('GET', '/smpp/stats') as Promise<{
      submits: number;
      submitsSwallowed: number;
      bindsAccepted: number;
      sessions: number;
    }>;
  }

  /** Drops every SMPP connection, requests in flight included. */
  dropConnections(): Promise<unknown> {
    return this.control('DELETE', '/smpp/sessions');
  }

  triggerReceipt(messageId: string, state: string): Promise<unknown> {
    return this.control('POST', '/smpp/receipts', { messageId, state });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(5000),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const answer = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`simulator ${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}

export const SMPP_ACCOUNT = { systemId: 'mtredi', password: 'test' };

/** Turns the seeded channel into an SMPP ("operator direct") channel bound to the simulator. */
export async function useSmppChannel(config: AppConfig, port: number, settings: Record<string, unknown>) {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    await orm.em.fork().nativeUpdate(
      Channel,
      { driver: 'simulator' },
      {
        driver: 'smpp',
        config: { version: 1, settings: { host: '127.0.0.1', port, ...SMPP_ACCOUNT, ...settings } },
      },
    );
  } finally {
    await orm.close(true);
  }
}

/**
 * Turns the seeded channel into an `aggregator` ("reserve aggregator") channel on the simulator's aggregator
 * API, with polled receipts; `settings` are added to its driver config.
 */
export async function useAggregatorChannel(config: AppConfig, baseUrl: string, settings: Record<string, unknown>) {
  const orm = await MikroORM.init(ormOptions(config));
  try {
    await orm.em.fork().nativeUpdate(
      Channel,
      { driver: 'simulator' },
      {
        driver: 'aggregator',
        config: { version: 1, settings: { baseUrl, token: 'mtredi', ...settings } },
        // The reserve may deliver under the provider's name; staff allowed it for this channel.
        allowProviderSender: true,
      },
    );
  } finally {
    await orm.close(true);
  }
}
