/** apps/api DispatchService logs each retry at debug level with the message id, the delay and why. */
const RETRY = /Message ([0-9a-f-]{36}) retried in (\d+) ms: ([^"\\]*)/;
/** apps/api ReceiptsService logs a receipt it could not match after all its attempts. */
const UNMATCHED = /Receipt (\S*) on channel (\S+) matches no message/;

/** Anything that hands out the platform's log lines as they are printed (a Platform). */
export interface LineSource {
  onLine(listener: (line: string) => void): () => void;
}

/**
 * What the platform's own log says happened: how often each message was handed back to the queue
 * (retries, with reasons), and receipts that matched no message. Counted line by line as printed,
 * across restarts, without keeping the log.
 */
export class PlatformLog {
  readonly retriedMessages = new Set<string>();
  retries = 0;
  readonly retryReasons = new Map<string, number>();
  unmatchedReceipts = 0;
  private readonly off: () => void;

  constructor(source: LineSource) {
    this.off = source.onLine((line) => this.read(line));
  }

  read(line: string): void {
    const retry = RETRY.exec(line);
    if (retry) {
      this.retries++;
      this.retriedMessages.add(retry[1] as string);
      const reason = shorten(retry[3] as string);
      this.retryReasons.set(reason, (this.retryReasons.get(reason) ?? 0) + 1);
      return;
    }
    if (UNMATCHED.test(line)) this.unmatchedReceipts++;
  }

  /** The most frequent retry reasons, most frequent first. */
  topReasons(count = 3): { reason: string; times: number }[] {
    return [...this.retryReasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([reason, times]) => ({ reason, times }));
  }

  close(): void {
    this.off();
  }
}

/** Reasons carry ids and times; digits are folded so the same cause counts once. */
function shorten(reason: string): string {
  return reason
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
    .replace(/\d+/g, 'N')
    .slice(0, 120);
}
