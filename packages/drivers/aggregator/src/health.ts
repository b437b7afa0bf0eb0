import type { ChannelHealth } from '@mtredi/channel-sdk';
import type { HealthSignal } from './submit-map.js';

/**
 * The channel's health from its recent answers: any answer from the aggregator is `up` (a recovery
 * included); a 429 is `degraded` until its Retry-After has passed (so answers that were already on
 * their way do not make it flap); failures (refused, timeout, 503, 5xx) make it `degraded` and, after
 * `downAfter` in a row, `down` (and down stays down until an answer); a refused token is `down` at
 * once. Only changes are reported.
 */
export class HealthTracker {
  private current: ChannelHealth | undefined;
  private failures = 0;
  private throttledUntil = 0;

  constructor(
    private readonly downAfter: number,
    private readonly report: (health: ChannelHealth, detail?: string) => void,
  ) {}

  get state(): ChannelHealth | undefined {
    return this.current;
  }

  record(signal: HealthSignal, detail?: string, retryAfterMs = 0, now = Date.now()): void {
    if (signal === 'success') {
      this.failures = 0;
      if (now >= this.throttledUntil || this.current !== 'degraded') this.set('up');
    } else if (signal === 'throttled') {
      this.failures = 0;
      this.throttledUntil = Math.max(this.throttledUntil, now + retryAfterMs);
      this.set('degraded', detail ?? 'throttled by the aggregator');
    } else if (signal === 'refused') {
      this.failures = this.downAfter;
      this.set('down', detail ?? 'the aggregator refused the token');
    } else {
      this.failures++;
      this.set(this.failures >= this.downAfter || this.current === 'down' ? 'down' : 'degraded', detail);
    }
  }

  /** Forces a state (start-up: no evidence yet that the channel works). */
  set(health: ChannelHealth, detail?: string): void {
    if (health === this.current) return;
    this.current = health;
    this.report(health, detail);
  }
}
