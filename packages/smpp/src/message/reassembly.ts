import type { ConcatPosition } from './inbound.js';

interface Pending {
  parts: (string | undefined)[];
  received: number;
  timer: NodeJS.Timeout;
}

export interface ReassemblerOptions {
  /** How long to wait for missing parts before giving up. Default 60,000 ms. */
  timeoutMs?: number;
  /**
   * Called when parts stopped coming: `text` joins what arrived (gaps marked `…`) so a partial
   * message, e.g. a STOP at the start, still reaches the platform.
   */
  onIncomplete(key: string, text: string, missing: number[]): void;
}

/**
 * Joins the parts of concatenated messages (UDH or SAR) in sequence order. Parts of different
 * messages are kept apart by `source` (e.g. from + to) plus reference and total.
 */
export class Reassembler {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: ReassemblerOptions) {}

  /** Adds a part; returns the whole text when this part completed the message, otherwise undefined. */
  push(source: string, position: ConcatPosition, text: string): string | undefined {
    const { total, sequence } = position;
    if (total <= 1) return text;
    if (sequence < 1 || sequence > total) return undefined;
    const key = `${source}\u0000${position.reference}\u0000${total}`;
    let entry = this.pending.get(key);
    if (!entry) {
      const timer = setTimeout(() => this.expire(key), this.options.timeoutMs ?? 60_000);
      timer.unref();
      entry = { parts: new Array(total).fill(undefined), received: 0, timer };
      this.pending.set(key, entry);
    }
    if (entry.parts[sequence - 1] === undefined) entry.received++;
    entry.parts[sequence - 1] = text;
    if (entry.received < total) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    return entry.parts.join('');
  }

  /** Messages still waiting for parts. */
  get size(): number {
    return this.pending.size;
  }

  /** Drops everything waiting, without reporting it. */
  clear(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private expire(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    const missing: number[] = [];
    entry.parts.forEach((p, i) => {
      if (p === undefined) missing.push(i + 1);
    });
    this.options.onIncomplete(key.split('\u0000')[0] as string, entry.parts.map((p) => p ?? '…').join(''), missing);
  }
}
