import type { Server } from 'node:http';
import { OperatorSimulator, type Scenario } from '@mtredi/operator-sim';
import type { AggregatorBehaviour } from './aggregator/options.js';
import { type AggregatorServer, startAggregatorServer } from './aggregator/server.js';
import { createControlServer, listenLoopback } from './control/server.js';
import { SmscServer } from './smsc/smsc.js';

export interface SimulatorAppOptions {
  scenario?: Scenario;
  /** 0 picks a free port (tests). Default 4780. */
  controlPort?: number;
  /** SMPP SMSC port; 0 picks a free one, null runs no SMSC. Default 2775. */
  smppPort?: number | null;
  /** Reserve aggregator HTTP API port; 0 picks a free one. Absent or null: no aggregator API (the default). */
  aggregatorPort?: number | null;
  /** Bearer tokens the aggregator accepts, one account each; empty: any token. */
  aggregatorTokens?: readonly string[];
  /** The aggregator's own habits (limits, sender override); the operator's come from the scenario. */
  aggregatorBehaviour?: Partial<AggregatorBehaviour>;
}

/** A running simulator: one simulated operator and the front ends that expose it. */
export interface SimulatorApp {
  readonly simulator: OperatorSimulator;
  readonly controlUrl: string;
  /** The SMPP SMSC, when one runs. */
  readonly smsc: SmscServer | undefined;
  /** The reserve aggregator's HTTP API, when one runs. */
  readonly aggregator: AggregatorServer | undefined;
  close(): Promise<void>;
}

/**
 * Starts the standalone simulator. Front ends (the control API, the SMPP SMSC, the aggregator HTTP API)
 * all sit on the same OperatorSimulator, so a scenario switched through the control API applies to all:
 * an outage answers 503 on the aggregator, throttling 429, receipts follow the scenario's delays and
 * losses. `smpp.*` faults (refused connections, dropped links) touch the SMSC only, which is how a drill
 * takes the direct channel down while the reserve stays up.
 */
export async function startSimulatorApp(options: SimulatorAppOptions = {}): Promise<SimulatorApp> {
  // Engine ids without a prefix: the SMSC turns them into numbers it can write in hex or decimal.
  const simulator = new OperatorSimulator({
    ...(options.scenario ? { scenario: options.scenario } : {}),
    idPrefix: '',
  });
  const servers: Server[] = [];
  const smppPort = options.smppPort === undefined ? 2775 : options.smppPort;
  const smsc = smppPort === null ? undefined : new SmscServer(simulator, { port: smppPort });
  let aggregator: AggregatorServer | undefined;
  try {
    const control = createControlServer(simulator, Date.now(), smsc);
    servers.push(control);
    const address = await listenLoopback(control, options.controlPort ?? 4780);
    await smsc?.start();
    if (options.aggregatorPort !== undefined && options.aggregatorPort !== null) {
      aggregator = await startAggregatorServer({
        simulator,
        port: options.aggregatorPort,
        ...(options.aggregatorTokens ? { credentials: options.aggregatorTokens } : {}),
        ...(options.aggregatorBehaviour ? { behaviour: options.aggregatorBehaviour } : {}),
      });
    }
    return {
      simulator,
      smsc,
      aggregator,
      controlUrl: `http://127.0.0.1:${address.port}`,
      close: async () => {
        await aggregator?.close();
        await smsc?.close();
        await Promise.all(servers.map(closeServer));
        simulator.dispose();
      },
    };
  } catch (error) {
    await aggregator?.close();
    await smsc?.close();
    await Promise.allSettled(servers.map(closeServer));
    simulator.dispose();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
