import { describe, expect, it } from 'vitest';
import { RecordingContext } from './recording-context.js';

describe('RecordingContext', () => {
  it('keeps reports in order and finds the final receipt, also through detached callbacks', () => {
    const ctx = new RecordingContext('c1');
    const { onReceipt, onHealth } = ctx;
    onHealth('up');
    onHealth('down', 'link lost');
    onReceipt({ channelMessageId: 'a', state: 'enroute', at: new Date(1) });
    onReceipt({ channelMessageId: 'a', state: 'delivered', at: new Date(2) });
    expect(ctx.lastHealth).toBe('down');
    expect(ctx.health[1]?.detail).toBe('link lost');
    expect(ctx.finalReceipt('a')?.state).toBe('delivered');
    expect(ctx.finalReceipt('b')).toBeUndefined();
  });
});
