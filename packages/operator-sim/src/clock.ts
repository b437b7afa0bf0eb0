/** Time source and timer scheduler, injected so tests can run simulated time without waiting. */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** Opaque to callers: a Node timeout for the real clock, a record for the manual one. */
export type TimerHandle = object;

export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface ManualTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock that only moves when told to; timers fire in time order (then in creation order). */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Set<ManualTimer>();

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.add(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as ManualTimer);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, including ones set while firing. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of this.timers) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      }
      if (!next) break;
      this.timers.delete(next);
      this.current = next.at;
      next.callback();
    }
    this.current = target;
  }
}
