import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after repeated failures, lets one probe through after the cooldown, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, () => now);
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.isOpen()).toBe(false);
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    expect(breaker.isOpen()).toBe(true);

    now = 1000;
    expect(breaker.state()).toBe('half_open');
    expect(breaker.isOpen()).toBe(false); // the probe
    expect(breaker.isOpen()).toBe(true); // everyone else waits for it
    breaker.recordSuccess();
    expect(breaker.state()).toBe('closed');
    expect(breaker.isOpen()).toBe(false);
  });

  it('a failed probe opens it again for another cooldown', () => {
    let now = 0;
    const breaker = new CircuitBreaker(1, 500, () => now);
    breaker.recordFailure();
    now = 600;
    expect(breaker.isOpen()).toBe(false);
    breaker.recordFailure();
    expect(breaker.isOpen()).toBe(true);
    now = 1099;
    expect(breaker.isOpen()).toBe(true);
    now = 1100;
    expect(breaker.isOpen()).toBe(false);
  });
});
