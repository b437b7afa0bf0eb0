import { FINAL_RECEIPT_STATES, type Receipt } from '@mtredi/channel-sdk';
import { type AggregatorApi, receiptState } from './api.js';

interface Entry {
  placeholder: string;
  since: number;
}

/** Unconfirmed messages followed at most this many at once and this long. */
const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 24 * 3600_000;

/**
 * Submits whose outcome stayed unknown (the request went out, no answer came, and the look-up by
 * reference failed too). The driver answered `accepted` under a placeholder id so the core never
 * resends them; here each is looked up by reference until the aggregator says what became of it,
 * and that is reported as a receipt under the placeholder. Not found after `graceMs`: the aggregator
 * never received it, reported `undelivered` with `aggregator/not_received`.
 */
export class UnconfirmedSubmits {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly api: AggregatorApi,
    private readonly graceMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(reference: string, placeholder: string, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) return;
    this.entries.set(reference, { placeholder, since: now });
  }

  /** One look-up per entry; receipts go to `report` while `active()` holds. */
  async check(report: (r: Receipt) => void, active: () => boolean, now = Date.now()): Promise<void> {
    for (const [reference, entry] of this.entries) {
      if (!active()) return;
      let found: Awaited<ReturnType<AggregatorApi['lookup']>>;
      try {
        found = await this.api.lookup(reference);
      } catch {
        if (now - entry.since > MAX_AGE_MS) this.entries.delete(reference);
        continue;
      }
      if (!active()) return;
      const state = found ? receiptState(found.status) : undefined;
      if (found && state && FINAL_RECEIPT_STATES.has(state)) {
        const receipt: Receipt = { channelMessageId: entry.placeholder, state, at: new Date(found.updatedAt) };
        if (found.errorCode !== undefined) receipt.errorCode = found.errorCode;
        report(receipt);
        this.entries.delete(reference);
      } else if (!found && now - entry.since >= this.graceMs) {
        const at = new Date(now);
        report({ channelMessageId: entry.placeholder, state: 'undelivered', errorCode: 'aggregator/not_received', at });
        this.entries.delete(reference);
      } else if (now - entry.since > MAX_AGE_MS) {
        this.entries.delete(reference);
      }
    }
  }
}
