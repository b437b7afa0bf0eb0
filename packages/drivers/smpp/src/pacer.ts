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
    // Under a millisecond late is on time: timers cannot wait less, and a 1 ms sleep per send would
    // cap a fast link far below its rate.
    const wait = at - now;
    return wait >= 1 ? Math.ceil(wait) : 0;
  }

  /** Nothing is sent before `now + ms`. */
  pause(now: number, ms: number): void {
    this.next = Math.max(this.next, now + ms);
  }
}
