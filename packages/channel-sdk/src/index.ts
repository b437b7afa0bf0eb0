export type {
  ChannelCapabilities,
  ChannelContext,
  ChannelDriver,
  ChannelHealth,
  DriverManifest,
  InboundMessage,
  OutboundMessage,
  Receipt,
  ReceiptState,
  SubmitResult,
  TextEncoding,
} from './contract.js';
export {
  defineDriver,
  FINAL_RECEIPT_STATES,
  isUnconfirmedId,
  UNCONFIRMED_ID_PREFIX,
  unconfirmedId,
} from './contract.js';
export type { HealthReport } from './recording-context.js';
export { RecordingContext } from './recording-context.js';
export { isStopRequest } from './stop.js';
