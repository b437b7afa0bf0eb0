import { defineDriver } from '@mtredi/channel-sdk';
import { SimulatorDriverConfig } from './config.js';
import { SimulatorDriver } from './driver.js';

/** The `simulator` driver: the local, in-process operator for laptops, tests and drills. */
export const simulatorDriver = defineDriver({
  name: 'simulator',
  title: 'Local simulator',
  description:
    'Simulated operator inside the platform: accepts, rejects, throttles and reports receipts by a scenario. For development, tests and outage drills; sends nothing to a phone.',
  configSchema: SimulatorDriverConfig,
  create: (config) => new SimulatorDriver(config),
});
