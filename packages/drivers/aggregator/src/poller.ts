import type { AggregatorApi, ApiReceipt } from './api.js';

/** Pages a poll may follow in a row before it yields to the next interval. */
const MAX_PAGES_PER_POLL = 100;

/**
 * Reads the account's receipt feed (`GET /api/v1/receipts?after=<cursor>`). The cursor lives in
 * memory: a new driver starts from the oldest receipt the aggregator still keeps, so receipts that
 * arrived while no driver ran are reported (again, possibly); the core ignores repeats of a final state.
 */
export class ReceiptPoller {
  private after: string | undefined;

  constructor(
    private readonly api: AggregatorApi,
    private readonly batchSize: number,
  ) {}

  /** The cursor of the last page read (`next`), for diagnostics. */
  get cursor(): string | undefined {
    return this.after;
  }

  /**
   * Reads pages until one is not full, handing each page to `deliver` before moving the cursor past
   * it. Throws the first failed call; `active` false stops it between pages (the driver is stopping).
   */
  async drain(deliver: (items: ApiReceipt[]) => void, active: () => boolean): Promise<number> {
    let count = 0;
    for (let page = 0; page < MAX_PAGES_PER_POLL && active(); page++) {
      const { items, next } = await this.api.receipts(this.after, this.batchSize);
      if (!active()) break;
      deliver(items);
      count += items.length;
      this.after = next;
      if (items.length < this.batchSize) break;
    }
    return count;
  }
}
