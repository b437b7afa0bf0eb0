/**
 * Stops sending to a channel that keeps failing: after `threshold` failures in a row it opens for
 * `cooldownMs`, then lets one probe through (half-open); a success closes it, a failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private probing = false;

  constructor(
    private readonly threshold = 5,
    private readonly cooldownMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether traffic should be kept away now. Half-open lets exactly one caller probe. */
  isOpen(): boolean {
    if (this.failures < this.threshold) return false;
    if (this.now() < this.openUntil) return true;
    if (this.probing) return true;
    this.probing = true;
    return false;
  }

  state(): 'closed' | 'open' | 'half_open' {
    if (this.failures < this.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half_open';
  }

  recordSuccess(): void {
    this.failures = 0;
    this.probing = false;
  }

  recordFailure(): void {
    this.failures++;
    this.probing = false;
    if (this.failures >= this.threshold) this.openUntil = this.now() + this.cooldownMs;
  }
}
