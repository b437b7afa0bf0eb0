export type { ApiReceipt, MessageView } from './api.js';
export { AggregatorCallbackError, callbackSignature, SIGNATURE_HEADER } from './callback.js';
export type { AggregatorDriverConfigInput } from './config.js';
export { AggregatorDriverConfig } from './config.js';
export type { AggregatorDriverOptions } from './driver.js';
export { AggregatorDriver } from './driver.js';
export type { HttpRequest, HttpResponse, HttpTimeouts, HttpTransport } from './http.js';
export { HttpFailure, nodeHttpTransport } from './http.js';
export { aggregatorDriver } from './manifest.js';
