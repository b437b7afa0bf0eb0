import { type OutboundMessage, RecordingContext } from '@mtredi/channel-sdk';
import { ManualClock } from '@mtredi/operator-sim';
import { describe, expect, it } from 'vitest';
import type { SimulatorDriverConfigInput } from './config.js';
import { SimulatorDriver } from './driver.js';
import { simulatorDriver } from './manifest.js';

let n = 0;
const msg = (to = '+995599123456', text = 'hello', parts = 1): OutboundMessage => ({
  id: `m${++n}`,
  to,
  sender: 'Mtredi',
  text,
  encoding: 'gsm7',
  parts,
});

async function startManual(config: SimulatorDriverConfigInput = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const driver = new SimulatorDriver(config, { clock });
  const ctx = new RecordingContext();
  await driver.start(ctx);
  return { clock, driver, ctx };
}

describe('simulatorDriver manifest', () => {
  it('parses an empty config to the documented defaults', () => {
    const config = simulatorDriver.configSchema.parse({});
    expect(simulatorDriver.name).toBe('simulator');
    expect(config).toEqual({
      version: 1,
      maxChars: { gsm7: 1000, ucs2: 1000 },
      duplicateWindowSeconds: 0,
      senderPolicy: 'exact',
      receiptMode: 'realtime',
      maxMessagesPerSecond: 10_000,
    });
    expect(simulatorDriver.create(config).capabilities).toEqual({
      maxChars: { gsm7: 1000, ucs2: 1000 },
      duplicateWindowSeconds: 0,
      senderPolicy: 'exact',
      receiptMode: 'realtime',
      maxMessagesPerSecond: 10_000,
    });
  });

  it('names the offending field of a bad config', () => {
    const result = simulatorDriver.configSchema.safeParse({
      scenario: { receipt: { delay: { kind: 'fixed', ms: -1 } } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['scenario', 'receipt', 'delay', 'ms']);
  });

  it('creates a fresh driver with its own simulator on every call', () => {
    const config = simulatorDriver.configSchema.parse({});
    const a = simulatorDriver.create(config) as SimulatorDriver;
    const b = simulatorDriver.create(config) as SimulatorDriver;
    expect(a).toBeInstanceOf(SimulatorDriver);
    expect(a).not.toBe(b);
    expect(a.simulator).not.toBe(b.simulator);
  });
});

describe('SimulatorDriver', () => {
  it('delivers after the default 200 ms, not before', async () => {
    const { clock, driver, ctx } = await startManual();
    const result = await driver.submit(msg());
    if (result.kind !== 'accepted') throw new Error(result.kind);
    clock.advance(199);
    expect(ctx.receipts).toHaveLength(0);
    clock.advance(1);
    expect(ctx.receipts).toEqual([
      {
        channelMessageId: result.channelMessageIds[0],
        state: 'delivered',
        errorCode: undefined,
        at: new Date(clock.now()),
      },
    ]);
  });

  it('answers retry_later before start and after stop', async () => {
    const driver = new SimulatorDriver();
    expect((await driver.submit(msg())).kind).toBe('retry_later');
    await driver.start(new RecordingContext());
    expect((await driver.submit(msg())).kind).toBe('accepted');
    await driver.stop();
    expect(await driver.submit(msg())).toMatchObject({ kind: 'retry_later', reason: 'simulator channel stopped' });
    await expect(driver.start(new RecordingContext())).rejects.toThrow(/cannot be started again/);
  });

  it('reports the SMPP status name as the rejection code', async () => {
    const { driver } = await startManual({
      scenario: { rules: [{ match: { prefix: '99557' }, submit: { outcome: 'reject', status: 0x0a } }] },
    });
    expect(await driver.submit(msg('+995571000000'))).toEqual({
      kind: 'rejected',
      code: 'ESME_RINVSRCADR',
      reason: 'rejected with ESME_RINVSRCADR',
    });
  });

  it('reports health down during a scheduled outage and up after it', async () => {
    const { clock, driver, ctx } = await startManual({
      scenario: { outages: [{ startAfterMs: 1000, durationMs: 5000, retryAfterMs: 2500 }] },
    });
    expect(ctx.lastHealth).toBe('up');
    clock.advance(1000);
    expect(ctx.lastHealth).toBe('down');
    expect(await driver.submit(msg())).toMatchObject({ kind: 'retry_later', delayMs: 2500 });
    clock.advance(5000);
    expect(ctx.health.map((h) => h.health)).toEqual(['up', 'down', 'up']);
    expect((await driver.submit(msg())).kind).toBe('accepted');
  });

  it('answers retry_later when throttled', async () => {
    const { clock, driver } = await startManual({ scenario: { throttle: { maxPerSecond: 2 } } });
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await driver.submit(msg())).kind);
    expect(kinds).toEqual(['accepted', 'accepted', 'retry_later']);
    clock.advance(500);
    expect((await driver.submit(msg())).kind).toBe('accepted');
  });

  it('enforces the declared duplicate window: a repeat is accepted but never delivered', async () => {
    const { clock, driver, ctx } = await startManual({ duplicateWindowSeconds: 10_800 });
    expect(driver.capabilities.duplicateWindowSeconds).toBe(10_800);
    const first = await driver.submit(msg('+995599111111', 'same'));
    const repeat = await driver.submit(msg('+995599111111', 'same'));
    expect(repeat.kind).toBe('accepted');
    clock.advance(1000);
    expect(ctx.receipts.map((r) => r.channelMessageId)).toEqual(
      first.kind === 'accepted' ? first.channelMessageIds : [],
    );
    expect(driver.simulator.stats().duplicatesDropped).toBe(1);
  });

  it('sends the receipts it still owes when stopped, before it stops listening', async () => {
    const { clock, driver, ctx } = await startManual();
    const first = await driver.submit(msg());
    const second = await driver.submit(msg('+995599000002'));
    if (first.kind !== 'accepted' || second.kind !== 'accepted') throw new Error('not accepted');
    clock.advance(50);
    expect(ctx.receipts).toHaveLength(0);
    await driver.stop();
    expect(ctx.receipts.map((r) => [r.channelMessageId, r.state])).toEqual([
      [first.channelMessageIds[0], 'delivered'],
      [second.channelMessageIds[0], 'delivered'],
    ]);
    clock.advance(1_000);
    expect(ctx.receipts).toHaveLength(2); // sent once, not again when their time comes
  });

  it('drops every receipt with receiptMode none', async () => {
    const { clock, driver, ctx } = await startManual({ receiptMode: 'none' });
    expect((await driver.submit(msg())).kind).toBe('accepted');
    clock.advance(10_000);
    expect(ctx.receipts).toHaveLength(0);
    expect(driver.simulator.stats().receiptsSent).toBe(1);
  });

  it('passes replies from the destination (STOP) to onInbound', async () => {
    const { clock, driver, ctx } = await startManual({
      scenario: { rules: [{ match: { prefix: '995595' }, reply: { text: 'STOP', delay: { kind: 'fixed', ms: 50 } } }] },
    });
    await driver.submit(msg('+995595000000', 'promo'));
    clock.advance(50);
    expect(ctx.inbound).toEqual([
      { from: '+995595000000', to: 'Mtredi', text: 'STOP', receivedAt: new Date(clock.now()) },
    ]);
  });

  it('waits for the scenario latency before answering', async () => {
    const { clock, driver } = await startManual({ scenario: { submitLatency: { kind: 'fixed', ms: 300 } } });
    let answered = false;
    const pending = driver.submit(msg()).then(() => {
      answered = true;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    clock.advance(300);
    await pending;
    expect(answered).toBe(true);
  });
});
