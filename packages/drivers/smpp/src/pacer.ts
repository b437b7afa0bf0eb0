/**
 * Spaces sends to at most `ratePerSecond`, allowing a burst of a tenth of a second, and holds all
 * sends back after the SMSC said ESME_RTHROTTLED. Returns the wait in ms; 0 means send now.
 */
export class Pacer {
  private next = 0;
  private readonly intervalMs: number;
  private readonly burstMs = 100;

  constructor(ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  reserve(now: number): number {
    const at = Math.max(this.next, now - this.burstMs);
    this.next = at + this.intervalMs;
    return Math.max(0, Math.ceil(at - now));
  }

  /** Nothing is sent before `now + ms`. */
  pause(now: number, ms: number): void {
    this.next = Math.max(this.next, now + ms);
  }
}
