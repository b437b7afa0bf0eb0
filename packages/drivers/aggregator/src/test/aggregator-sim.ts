import { OperatorSimulator, type ScenarioInput } from '@mtredi/operator-sim';
// The simulator app's package entry does not name its aggregator front end, so its build is loaded by
// path; @mtredi/simulator is a devDependency, so turbo builds it before these tests run.
import {
  type AggregatorBehaviour,
  type AggregatorServer,
  startAggregatorServer,
} from '../../node_modules/@mtredi/simulator/dist/aggregator/index.js';

export type { AggregatorServer };

export const TOKENS = ['token-a', 'token-b', 'token-c', 'token-d'];

export interface Sim {
  simulator: OperatorSimulator;
  server: AggregatorServer;
  close(): Promise<void>;
}

/** The simulator's aggregator API on 127.0.0.1 (a free port) in front of a fresh simulated operator. */
export async function startSim(
  scenario: ScenarioInput = {},
  behaviour: Partial<AggregatorBehaviour> = {},
): Promise<Sim> {
  const simulator = new OperatorSimulator({ scenario });
  const server = await startAggregatorServer({
    simulator,
    port: 0,
    credentials: TOKENS,
    behaviour,
    callbackRetry: { attempts: 4, initialDelayMs: 20, timeoutMs: 1000 },
  });
  return {
    simulator,
    server,
    close: async () => {
      await server.close();
      simulator.dispose();
    },
  };
}
