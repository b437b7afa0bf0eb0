export type { SimulatorApp, SimulatorAppOptions } from './app.js';
export { startSimulatorApp } from './app.js';
export { createControlServer, listenLoopback } from './control/server.js';
export { fieldPath, loadScenarioFile, parseScenarioText, ScenarioError, validateScenario } from './scenario/load.js';
export type { SmscOptions, SmscSessionInfo, SmscStats } from './smsc/smsc.js';
export { SmscServer } from './smsc/smsc.js';
