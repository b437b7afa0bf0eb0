import type { Server } from 'node:http';
import { OperatorSimulator, type Scenario } from '@mtredi/operator-sim';
import { createControlServer, listenLoopback } from './control/server.js';
import { SmscServer } from './smsc/smsc.js';

export interface SimulatorAppOptions {
  scenario?: Scenario;
  /** 0 picks a free port (tests). Default 4780. */
  controlPort?: number;
  /** SMPP SMSC port; 0 picks a free one, null runs no SMSC. Default 2775. */
  smppPort?: number | null;
}

/** A running simulator: one simulated operator and the front ends that expose it. */
export interface SimulatorApp {
  readonly simulator: OperatorSimulator;
  readonly controlUrl: string;
  /** The SMPP SMSC, when one runs. */
  readonly smsc: SmscServer | undefined;
  close(): Promise<void>;
}

/**
 * Starts the standalone simulator. Front ends (the control API, the SMPP SMSC; the aggregator HTTP API
 * later) all sit on the same OperatorSimulator, so a scenario switched through one applies to all.
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
  try {
    const control = createControlServer(simulator, Date.now(), smsc);
    servers.push(control);
    const address = await listenLoopback(control, options.controlPort ?? 4780);
    await smsc?.start();
    return {
      simulator,
      smsc,
      controlUrl: `http://127.0.0.1:${address.port}`,
      close: async () => {
        await smsc?.close();
        await Promise.all(servers.map(closeServer));
        simulator.dispose();
      },
    };
  } catch (error) {
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
