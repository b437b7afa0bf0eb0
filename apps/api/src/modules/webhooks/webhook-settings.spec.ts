import { describe, expect, it } from 'vitest';
import { loadWebhookSettings, nextAttemptAt } from './webhook-settings.js';

describe('webhook retry schedule', () => {
  const settings = loadWebhookSettings({});
  const start = new Date('2026-01-01T00:00:00Z');

  /** Every attempt time a never-answering endpoint gets, the first at `start`. */
  function attempts(): Date[] {
    const times = [start];
    for (let attempt = 1; ; attempt++) {
      const next = nextAttemptAt(settings, attempt, start, times.at(-1) as Date);
      if (!next) return times;
      times.push(next);
    }
  }

  it('doubles the wait from 30 s, caps it at 2 h, and stops within 24 h of the event', () => {
    const times = attempts();
    const waits = times.slice(1).map((t, i) => (t.getTime() - (times[i] as Date).getTime()) / 1000);
    expect(waits.slice(0, 9)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840, 7200]);
    expect(Math.max(...waits)).toBe(7200);
    const last = times.at(-1) as Date;
    expect(last.getTime() - start.getTime()).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(last.getTime() - start.getTime()).toBeGreaterThan(22 * 3600 * 1000);
    expect(times).toHaveLength(19);
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => loadWebhookSettings({ MTREDI_WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/MTREDI_WEBHOOK_TIMEOUT_MS/);
  });
});
