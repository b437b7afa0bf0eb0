import type { Pdu } from '../pdu.js';
import { SmppNoResponseError } from './errors.js';

export type ResponseCallback = (error: SmppNoResponseError | null, response?: Pdu) => void;
/** Gets a response that came after its request had timed out (the outcome became known after all). */
export type LateCallback = (response: Pdu) => void;

interface Outstanding {
  callback: ResponseCallback;
  deadline: number;
  command: string;
  onLate: LateCallback | undefined;
}

/** Timed-out requests whose late response is still wanted, at most this many (oldest dropped). */
const LATE_LIMIT = 10_000;

/**
 * Requests sent and not yet answered, keyed by sequence_number. All requests share one timeout, so
 * insertion order is deadline order and expiry scans only the head: one timer for the whole window
 * instead of one per request.
 */
export class ResponseWindow {
  private readonly outstanding = new Map<number, Outstanding>();
  private readonly late = new Map<number, LateCallback>();

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.outstanding.size;
  }

  add(sequence: number, command: string, callback: ResponseCallback, now: number, onLate?: LateCallback): void {
    this.outstanding.set(sequence, { callback, deadline: now + this.timeoutMs, command, onLate });
  }

  /**
   * Hands a response to its request, or to the late callback of a request that timed out; false when
   * nothing waits for that sequence number.
   */
  resolve(response: Pdu): boolean {
    const entry = this.outstanding.get(response.sequenceNumber);
    if (!entry) {
      const late = this.late.get(response.sequenceNumber);
      if (late) {
        this.late.delete(response.sequenceNumber);
        late(response);
      }
      return false;
    }
    this.outstanding.delete(response.sequenceNumber);
    entry.callback(null, response);
    return true;
  }

  /** Fails every request whose deadline passed; returns how many. */
  expire(now: number): number {
    let n = 0;
    for (const [sequence, entry] of this.outstanding) {
      if (entry.deadline > now) break;
      this.outstanding.delete(sequence);
      n++;
      if (entry.onLate) {
        this.late.set(sequence, entry.onLate);
        if (this.late.size > LATE_LIMIT) this.late.delete(this.late.keys().next().value as number);
      }
      entry.callback(
        new SmppNoResponseError('timeout', `no ${entry.command}_resp for sequence ${sequence} in ${this.timeoutMs} ms`),
      );
    }
    return n;
  }

  /** Fails everything still outstanding (connection gone). */
  failAll(reason: 'connection_lost' | 'not_sent', detail: string): void {
    const entries = [...this.outstanding];
    this.outstanding.clear();
    for (const [sequence, entry] of entries) {
      entry.callback(new SmppNoResponseError(reason, `${entry.command} (sequence ${sequence}): ${detail}`));
    }
  }
}
