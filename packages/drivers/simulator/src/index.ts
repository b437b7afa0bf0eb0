export type { SimulatorDriverConfigInput } from './config.js';
export { SimulatorDriverConfig } from './config.js';
export type { SimulatorDriverOptions } from './driver.js';
export { SimulatorDriver } from './driver.js';
export { simulatorDriver } from './manifest.js';
