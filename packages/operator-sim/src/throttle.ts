/**
 * Token bucket: `ratePerSecond` tokens a second, holding at most one second's worth, so a burst up to
 * the rate passes and anything faster is refused until tokens refill.
 */
export class TokenBucket {
  private tokens: number;
  private readonly capacity: number;

  constructor(
    private readonly ratePerSecond: number,
    private last: number,
  ) {
    this.capacity = Math.max(1, ratePerSecond);
    this.tokens = this.capacity;
  }

  /** Takes `n` tokens and returns 0, or returns the ms until they could be taken (taking none). */
  take(n: number, now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    // A message bigger than the bucket passes on a full bucket and leaves a debt, instead of never passing.
    const need = Math.min(n, this.capacity);
    if (this.tokens >= need) {
      this.tokens -= n;
      return 0;
    }
    return Math.max(1, Math.ceil(((need - this.tokens) / this.ratePerSecond) * 1000));
  }
}
