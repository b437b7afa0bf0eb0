import type { Server } from 'node:http';
import { OperatorSimulator, type Scenario } from '@mtredi/operator-sim';
import { createControlServer, listenLoopback } from './control/server.js';

export interface SimulatorAppOptions {
  scenario?: Scenario;
  /** 0 picks a free port (tests). Default 4780. */
  controlPort?: number;
}

/** A running simulator: one simulated operator and the front ends that expose it. */
export interface SimulatorApp {
  readonly simulator: OperatorSimulator;
  readonly controlUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the standalone simulator. Front ends (the control API now; the SMPP SMSC and the aggregator
 * HTTP API later) all sit on the same OperatorSimulator, so a scenario switched through one applies to all.
 */
export async function startSimulatorApp(options: SimulatorAppOptions = {}): Promise<SimulatorApp> {
  const simulator = new OperatorSimulator(options.scenario ? { scenario: options.scenario } : {});
  const servers: Server[] = [];
  try {
    const control = createControlServer(simulator);
    servers.push(control);
    const address = await listenLoopback(control, options.controlPort ?? 4780);
    return {
      simulator,
      controlUrl: `http://127.0.0.1:${address.port}`,
      close: async () => {
        await Promise.all(servers.map(closeServer));
        simulator.dispose();
      },
    };
  } catch (error) {
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
