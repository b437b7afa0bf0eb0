import type { OperatorSimulator } from '@mtredi/operator-sim';
import type { CallbackRetry } from './callbacks.js';

/**
 * What the aggregator front end adds to the operator's scenario: the reserve channel's own habits
 * (seeds/TRANSLATION.md, April 2020). Switchable live with `AggregatorServer.setBehaviour`.
 */
export interface AggregatorBehaviour {
  /** Longest text accepted, in characters (code points), per encoding; over it: 400 `text_too_long`. */
  maxChars: { gsm7: number; ucs2: number };
  /** The provider's own sender name, used when the sender is overridden. */
  providerName: string;
  /**
   * `off`: the requested sender is used (an unauthorized one is refused, 400 `unknown_sender`).
   * `unauthorized`: a sender missing from the scenario's `authorizedSenders` goes out under
   * `providerName` instead (list `providerName` there: the operator authorized it), as in April 2020.
   * `always`: every message goes out under `providerName`. The status reports it as `deliveredAs`.
   */
  senderOverride: 'off' | 'unauthorized' | 'always';
}

export const DEFAULT_BEHAVIOUR: AggregatorBehaviour = {
  maxChars: { gsm7: 480, ucs2: 320 },
  providerName: 'SMSOFFICE',
  senderOverride: 'off',
};

export interface AggregatorServerOptions {
  /** The simulated operator behind the API; the same one the SMSC and the control API use. */
  simulator: OperatorSimulator;
  /** Default 4781; 0 picks a free port. */
  port?: number;
  /** A loopback address only (`127.0.0.1`, the default, `::1` or `localhost`). */
  host?: string;
  /**
   * Bearer tokens that may call the API; each token is one account with its own messages and receipt
   * feed. Absent or empty: any non-empty token is accepted (a laptop default).
   */
  credentials?: readonly string[];
  behaviour?: Partial<AggregatorBehaviour>;
  /** Callback deliveries: default 5 attempts, 1 s doubling, 5 s per attempt. */
  callbackRetry?: Partial<CallbackRetry>;
  /** Messages (and receipts per account) kept for look-ups and polling. Default 100,000. */
  retention?: number;
}
