export type { Clock, TimerHandle } from './clock.js';
export { ManualClock, realClock } from './clock.js';
export { mulberry32 } from './random.js';
export {
  DEFAULT_SCENARIO,
  Delay,
  FinalState,
  Latency,
  Match,
  Outage,
  ReceiptOutcome,
  ReceiptSpec,
  Reply,
  Rule,
  Scenario,
  ScenarioInput,
  SmppStatus,
  SubmitBehaviour,
} from './scenario.js';
export type {
  OperatorSimulatorOptions,
  SimCounters,
  SimReceipt,
  SimReply,
  SubmitDecision,
  SubmitRequest,
  SubmittedMessage,
} from './simulator.js';
export { OperatorSimulator } from './simulator.js';
export {
  SmppAccount,
  SmppBehaviour,
  type SmppBehaviourInput,
  SmppIdFormat,
  SmppReceiptStyle,
} from './smpp-behaviour.js';
export type { SmppStatusName } from './smpp-status.js';
export { SMPP_STATUS, smppStatusFromName, smppStatusName } from './smpp-status.js';
