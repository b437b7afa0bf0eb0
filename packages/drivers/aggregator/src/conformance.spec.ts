import type { ChannelContext } from '@mtredi/channel-sdk';
import { describeDriverConformance } from '@mtredi/channel-sdk/conformance';
import type { AggregatorDriverConfigInput } from './config.js';
import { AggregatorDriver } from './driver.js';
import { type Sim, startSim, TOKENS } from './test/aggregator-sim.js';
import { type CallbackEndpoint, startCallbackEndpoint } from './test/callback-endpoint.js';

const destinations = { delivered: '+995599000001', undelivered: '+995599000002', rejected: '+995599000003' };
const scenario = {
  submitLatency: { kind: 'fixed' as const, ms: 2 },
  receipt: { delay: { kind: 'uniform' as const, minMs: 10, maxMs: 60 } },
  rules: [
    { match: { prefix: destinations.undelivered }, receipt: { state: 'undelivered' as const, errorCode: '069' } },
    { match: { prefix: destinations.rejected }, submit: { outcome: 'reject' as const, status: 'ESME_RINVDSTADR' } },
  ],
};

/** A driver whose callbacks reach it through the endpoint while it runs, as the core routes them. */
class RoutedDriver extends AggregatorDriver {
  constructor(
    config: AggregatorDriverConfigInput,
    private readonly endpoint: CallbackEndpoint,
    private readonly key: string,
  ) {
    super(config);
  }

  override async start(context: ChannelContext): Promise<void> {
    this.endpoint.attach(this.key, this, context);
    await super.start(context);
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.endpoint.detach(this.key);
  }
}

let sim: Sim;
let endpoint: CallbackEndpoint;

for (const receiptMode of ['polling', 'callback'] as const) {
  describeDriverConformance(
    `aggregator with ${receiptMode} receipts, against the simulator's aggregator API`,
    async () => {
      sim = await startSim(scenario);
      endpoint = await startCallbackEndpoint();
      let instances = 0;
      return {
        // One token per instance: each channel is its own aggregator account with its own receipt feed.
        createDriver: () => {
          const key = `ch${++instances}`;
          const config: AggregatorDriverConfigInput = {
            baseUrl: sim.server.url,
            token: TOKENS[instances % TOKENS.length] as string,
            receiptMode,
            pollIntervalSeconds: 0.02,
            ...(receiptMode === 'callback' ? { callbackUrl: `${endpoint.url}/channels/${key}/callback` } : {}),
          };
          return new RoutedDriver(config, endpoint, key);
        },
        destinations,
        makeUnavailable: () => {
          sim.simulator.setScenario({ ...sim.simulator.currentScenario, outages: [{}] });
        },
        submittedText: (_driver, ids) => sim.simulator.lookup(ids[0] ?? '')?.text,
        teardown: async () => {
          await sim.close();
          await endpoint.close();
        },
      };
    },
  );
}
