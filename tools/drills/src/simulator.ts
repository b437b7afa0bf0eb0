import { fileURLToPath } from 'node:url';
import { REQUEST_TIMEOUT_MS } from './api.js';
import { ManagedProcess } from './processes.js';
import type { ScenarioDoc } from './scenarios.js';

const SIMULATOR_CLI = fileURLToPath(new URL('../../../apps/simulator/dist/cli.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Counters of the simulated operator (message parts), as `GET /stats` answers them. */
export interface OperatorStats {
  submitted: number;
  accepted: number;
  rejected: number;
  throttled: number;
  unavailable: number;
  receiptsSent: number;
  receiptsLost: number;
  receiptsWithheld: number;
  receiptsPending: number;
  duplicatesDropped: number;
  receiptStates: Record<'delivered' | 'undelivered' | 'expired' | 'rejected', number>;
}

/** Counters of the SMSC front end, as `GET /smpp/stats` answers them (the fields a drill reads). */
export interface SmscStats {
  sessions: number;
  submits: number;
  connectionsDropped: number;
  /** The last dropped session: its submits (the dropping one included) and the operator's accepted count then. */
  lastDrop: { sessionSubmits: number; acceptedBefore: number } | null;
  bindsAccepted: number;
  [counter: string]: unknown;
}

/** A message as the aggregator API reports it (`GET /api/v1/messages?reference=`). */
export interface AggregatorView {
  id: string;
  status: string;
  from: string;
  deliveredAs?: string;
  to: string;
  reference?: string;
}

export interface SimulatorOptions {
  /** Serve the reserve aggregator API with this bearer token. */
  aggregatorToken?: string;
  /** The aggregator's sender override (`unauthorized` in April 2020). */
  aggregatorSenderOverride?: 'off' | 'unauthorized' | 'always';
}

/** The operator simulator, run from its CLI as its own process, and driven through its control API. */
export class SimulatorProcess {
  private constructor(
    readonly process: ManagedProcess,
    readonly controlUrl: string,
    readonly smppPort: number,
    readonly aggregatorUrl: string | undefined,
    private readonly aggregatorToken: string | undefined,
  ) {}

  static async start(options: SimulatorOptions = {}): Promise<SimulatorProcess> {
    const args = [SIMULATOR_CLI, '--control-port', '0', '--smpp-port', '0'];
    if (options.aggregatorToken) {
      args.push('--aggregator-port', '0', '--aggregator-token', options.aggregatorToken);
      if (options.aggregatorSenderOverride) args.push('--aggregator-sender-override', options.aggregatorSenderOverride);
    }
    const child = new ManagedProcess({ name: 'simulator', args, cwd: REPO, env: { ...process.env } });
    try {
      const ready = await child.waitFor(
        /control API on (http:\/\/127\.0\.0\.1:\d+); SMPP SMSC on 127\.0\.0\.1:(\d+)(.*)/,
        20_000,
      );
      const aggregator = /aggregator API on (http:\/\/127\.0\.0\.1:\d+)/.exec(ready[3] ?? '')?.[1];
      return new SimulatorProcess(child, ready[1] as string, Number(ready[2]), aggregator, options.aggregatorToken);
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  /** Switches the scenario live (`PUT /scenario`); its outages count from now. */
  async setScenario(scenario: ScenarioDoc): Promise<void> {
    await this.control('PUT', '/scenario', { version: 1, ...scenario });
  }

  stats(): Promise<OperatorStats> {
    return this.control('GET', '/stats') as Promise<OperatorStats>;
  }

  smscStats(): Promise<SmscStats> {
    return this.control('GET', '/smpp/stats') as Promise<SmscStats>;
  }

  /** Drops every SMPP connection at once, requests in flight included. */
  async dropConnections(): Promise<number> {
    return ((await this.control('DELETE', '/smpp/sessions')) as { killed: number }).killed;
  }

  async sessions(): Promise<{ id: number; submits: number; outstanding: number }[]> {
    return (await this.control('GET', '/smpp/sessions')) as { id: number; submits: number; outstanding: number }[];
  }

  /** What the aggregator holds for the platform's message id (its `reference`), or undefined. */
  async aggregatorMessage(reference: string): Promise<AggregatorView | undefined> {
    if (!this.aggregatorUrl || !this.aggregatorToken) return undefined;
    const res = await fetch(`${this.aggregatorUrl}/api/v1/messages?reference=${encodeURIComponent(reference)}`, {
      headers: { authorization: `Bearer ${this.aggregatorToken}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`aggregator look-up answered ${res.status}`);
    return ((await res.json()) as { items: AggregatorView[] }).items[0];
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const answer = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`simulator ${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}
