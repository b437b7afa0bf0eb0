/** One item waiting for its batch to be stored; `reject` refuses it alone (the rest of the batch goes on). */
export interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items that arrive while a batch is being stored wait for the next batch, so one transaction
 * carries many of them. Under light load a batch is a single item stored at once; under heavy load batches
 * grow by themselves (up to `maxBatch`), with no timer to tune. `add` resolves when the item's batch is
 * stored, and rejects when the whole batch failed or `store` refused that item.
 */
export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: (batch: Waiting<T>[]) => Promise<void>,
    private readonly maxBatch: number,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when everything added so far is stored. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the items that arrive in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        await this.store(batch);
        for (const w of batch) w.resolve(); // no effect on the ones `store` refused
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.running = null;
  }
}
