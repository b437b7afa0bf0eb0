import { defineDriver } from '@mtredi/channel-sdk';
import { AggregatorDriverConfig } from './config.js';
import { AggregatorDriver } from './driver.js';

/** The `aggregator` driver: a reserve channel through an HTTP aggregator (README.md has its API). */
export const aggregatorDriver = defineDriver({
  name: 'aggregator',
  title: 'Reserve aggregator (HTTP)',
  description:
    'Sends through an SMS aggregator’s HTTP API when the direct operator link is down. Shorter texts (Georgian 320, Latin 480 characters), the same text to the same number within 3 hours is dropped, the sender may be replaced by the provider’s name; receipts by polling every minute, by callback, or none.',
  configSchema: AggregatorDriverConfig,
  create: (config) => new AggregatorDriver(config),
});
