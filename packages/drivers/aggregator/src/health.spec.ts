import type { ChannelHealth } from '@mtredi/channel-sdk';
import { describe, expect, it } from 'vitest';
import { HealthTracker } from './health.js';
import { retryAfterMs } from './submit-map.js';

const tracker = (downAfter = 3) => {
  const seen: string[] = [];
  const t = new HealthTracker(downAfter, (h: ChannelHealth, detail?: string) =>
    seen.push(detail ? `${h}: ${detail}` : h),
  );
  return { t, seen };
};

describe('HealthTracker', () => {
  it('degrades on a failure, goes down after consecutive ones, and comes back up on an answer', () => {
    const { t, seen } = tracker(3);
    t.record('success');
    t.record('failure', 'timeout');
    t.record('failure', 'timeout');
    t.record('failure', 'refused');
    t.record('failure', 'refused');
    t.record('success');
    expect(seen).toEqual(['up', 'degraded: timeout', 'down: refused', 'up']);
  });

  it('counts only consecutive failures', () => {
    const { t, seen } = tracker(2);
    t.record('failure', 'a');
    t.record('success');
    t.record('failure', 'b');
    expect(seen).toEqual(['degraded: a', 'up', 'degraded: b']);
  });

  it('stays down once down, until an answer, and a refused token is down at once', () => {
    const { t, seen } = tracker(5);
    t.set('down', 'not reachable');
    t.record('failure', 'again');
    t.record('success');
    t.record('refused');
    expect(seen).toEqual(['down: not reachable', 'up', 'down: the aggregator refused the token']);
  });

  it('stays degraded after a 429 until its Retry-After has passed', () => {
    const { t, seen } = tracker();
    t.record('success', undefined, 0, 1000);
    t.record('throttled', undefined, 500, 1000);
    t.record('success', undefined, 0, 1200);
    expect(t.state).toBe('degraded');
    t.record('success', undefined, 0, 1500);
    expect(seen).toEqual(['up', 'degraded: throttled by the aggregator', 'up']);
  });
});

describe('retryAfterMs', () => {
  const res = (headers: Record<string, string>, body = '') => ({ status: 429, headers, body });
  it('reads the body in ms, the header in seconds or as a date, else one second', () => {
    expect(retryAfterMs(res({ 'retry-after': '2' }, '{"retryAfterMs":1234.2}'))).toBe(1235);
    expect(retryAfterMs(res({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-04-25T10:00:00Z');
    expect(retryAfterMs(res({ 'retry-after': 'Sat, 25 Apr 2026 10:00:07 GMT' }), now)).toBe(7000);
    expect(retryAfterMs(res({ 'retry-after': 'soon' }))).toBe(1000);
    expect(retryAfterMs(res({}))).toBe(1000);
  });
});
