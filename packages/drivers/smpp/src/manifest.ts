import { defineDriver } from '@mtredi/channel-sdk';
import { SmppDriverConfig } from './config.js';
import { SmppDriver } from './driver.js';

/** The `smpp` driver: "operator direct", an SMPP 3.4 transceiver bind to a mobile operator's SMSC. */
export const smppDriver = defineDriver({
  name: 'smpp',
  title: 'Operator direct (SMPP 3.4)',
  description:
    "Binds as a transceiver to the operator's SMSC: submits within a window at the configured rate, honours throttling answers, correlates delivery receipts and receives replies such as STOP.",
  configSchema: SmppDriverConfig,
  create: (config) => new SmppDriver(config),
});
