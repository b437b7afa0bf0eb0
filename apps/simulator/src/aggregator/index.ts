export type { CallbackBody, CallbackRetry } from './callbacks.js';
export { isLoopbackUrl, SIGNATURE_HEADER, signCallback } from './callbacks.js';
export type { AggregatorBehaviour, AggregatorServerOptions } from './options.js';
export { DEFAULT_BEHAVIOUR } from './options.js';
export type { AggregatorServer } from './server.js';
export { startAggregatorServer } from './server.js';
export type { ApiStatus } from './store.js';
