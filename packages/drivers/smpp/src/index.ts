export { isStopRequest } from '@mtredi/channel-sdk';
export type { SmppDriverConfigInput } from './config.js';
export { SmppDriverConfig } from './config.js';
export type { SmppDriverOptions } from './driver.js';
export { SmppDriver } from './driver.js';
export { smppDriver } from './manifest.js';
export { type StatusOutcome, type StatusOverrides, StatusTable } from './status-map.js';
