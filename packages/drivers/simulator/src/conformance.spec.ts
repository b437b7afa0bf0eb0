import { describeDriverConformance } from '@mtredi/channel-sdk/conformance';
import type { ScenarioInput } from '@mtredi/operator-sim';
import { SimulatorDriver } from './driver.js';

const destinations = {
  delivered: '+995599000001',
  undelivered: '+995599000002',
  rejected: '+995599000003',
};

const scenario: ScenarioInput = {
  submitLatency: { kind: 'fixed', ms: 5 },
  receipt: { delay: { kind: 'uniform', minMs: 10, maxMs: 60 } },
  rules: [
    { match: { prefix: destinations.undelivered }, receipt: { state: 'undelivered', errorCode: '069' } },
    { match: { prefix: destinations.rejected }, submit: { outcome: 'reject', status: 'ESME_RINVDSTADR' } },
  ],
};

describeDriverConformance('simulator', () => ({
  createDriver: () => new SimulatorDriver({ scenario }),
  destinations,
  makeUnavailable: (driver) => {
    driver.simulator.setScenario({ ...driver.simulator.currentScenario, outages: [{}] });
  },
  submittedText: (driver, ids) => driver.simulator.lookup(ids[0] ?? '')?.text,
}));
