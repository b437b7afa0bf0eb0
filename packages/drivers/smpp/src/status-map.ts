import { Status, statusFromName, statusName } from '@mtredi/smpp';

export type StatusOutcome =
  | { kind: 'retry_later'; delayMs: number; reason: string; cause: 'throttled' | 'unavailable' }
  | { kind: 'rejected'; code: string; reason: string };

/**
 * submit_sm_resp errors that mean "not now" (reference/smpp.md §2.3, after NowSMS and Jasmin's
 * defaults). Every other error is a permanent refusal: invalid source (0x0A), invalid destination
 * (0x0B), bad TON/NPI, bad lengths, TLV errors, and codes this table does not know.
 */
type Retry = { delayMs: number; reason: string; cause: 'throttled' | 'unavailable' };
const RETRY: ReadonlyMap<number, Retry> = new Map<number, Retry>([
  // Busy, not broken: the message waits for this channel.
  [Status.ESME_RTHROTTLED, { delayMs: 1000, reason: 'throttled by the SMSC', cause: 'throttled' }],
  [Status.ESME_RMSGQFUL, { delayMs: 60_000, reason: 'SMSC message queue full', cause: 'throttled' }],
  // Faults: routing may fail over to the next channel.
  [Status.ESME_RSYSERR, { delayMs: 30_000, reason: 'SMSC system error', cause: 'unavailable' }],
  [Status.ESME_RSUBMITFAIL, { delayMs: 30_000, reason: 'submit failed at the SMSC', cause: 'unavailable' }],
  [Status.ESME_RX_T_APPN, { delayMs: 10_000, reason: 'temporary application error at the SMSC', cause: 'unavailable' }],
  [Status.ESME_RINVBNDSTS, { delayMs: 1000, reason: 'bind state lost at the SMSC; rebinding', cause: 'unavailable' }],
]);

export type StatusOverrides = Record<string, 'reject' | { retryAfterMs: number }>;

/** The submit_sm_resp status table, with per-channel overrides applied. */
export class StatusTable {
  private readonly overrides = new Map<number, 'reject' | { retryAfterMs: number }>();

  constructor(
    overrides: StatusOverrides = {},
    private readonly throttledRetryMs = 1000,
  ) {
    for (const [key, value] of Object.entries(overrides)) {
      const code = statusFromName(key);
      if (code === undefined) throw new Error(`statusOverrides: "${key}" is not an SMPP command_status`);
      this.overrides.set(code, value);
    }
  }

  /** What a non-zero submit_sm_resp (or generic_nack) status means for the message. */
  outcome(status: number): StatusOutcome {
    const name = statusName(status);
    const override = this.overrides.get(status);
    if (override === 'reject') return { kind: 'rejected', code: name, reason: `SMSC refused the message: ${name}` };
    if (override) {
      return {
        kind: 'retry_later',
        delayMs: override.retryAfterMs,
        reason: `SMSC answered ${name}`,
        cause: 'unavailable',
      };
    }
    const retry = RETRY.get(status);
    if (retry) {
      const delayMs = status === Status.ESME_RTHROTTLED ? this.throttledRetryMs : retry.delayMs;
      return { kind: 'retry_later', delayMs, reason: `${retry.reason} (${name})`, cause: retry.cause };
    }
    return { kind: 'rejected', code: name, reason: `SMSC refused the message: ${name}` };
  }
}
