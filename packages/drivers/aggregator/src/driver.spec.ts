import { RecordingContext } from '@mtredi/channel-sdk';
import type { ScenarioInput } from '@mtredi/operator-sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { AggregatorDriverConfigInput } from './config.js';
import { AggregatorDriver } from './driver.js';
import { aggregatorDriver } from './manifest.js';
import { type Sim, startSim, TOKENS } from './test/aggregator-sim.js';
import { msg, sleep, until } from './test/helpers.js';

let sim: Sim | undefined;
const drivers: AggregatorDriver[] = [];

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
  await sim?.close();
  sim = undefined;
});

async function started(scenario: ScenarioInput = {}, config: Partial<AggregatorDriverConfigInput> = {}) {
  sim ??= await startSim(scenario);
  const driver = new AggregatorDriver({
    baseUrl: sim.server.url,
    token: TOKENS[0] as string,
    pollIntervalSeconds: 0.02,
    healthProbeSeconds: 0.05,
    ...config,
  });
  drivers.push(driver);
  const ctx = new RecordingContext();
  await driver.start(ctx);
  return { driver, ctx, sim };
}

const status = async (s: Sim, id: string) => {
  const res = await fetch(`${s.server.url}/api/v1/messages/${id}`, {
    headers: { authorization: `Bearer ${TOKENS[0]}` },
  });
  return (await res.json()) as Record<string, unknown>;
};

describe('aggregatorDriver manifest', () => {
  it('parses a minimal config to the April 2020 reserve channel defaults', () => {
    const config = aggregatorDriver.configSchema.parse({ baseUrl: 'http://127.0.0.1:4781', token: 't' });
    expect(aggregatorDriver.name).toBe('aggregator');
    expect(config).toMatchObject({
      version: 1,
      receiptMode: 'polling',
      pollIntervalSeconds: 60,
      timeouts: { connectMs: 3000, requestMs: 10_000 },
      capabilities: {
        maxChars: { gsm7: 480, ucs2: 320 },
        duplicateWindowSeconds: 10_800,
        senderPolicy: 'may_override',
        maxMessagesPerSecond: 50,
      },
    });
    expect(aggregatorDriver.create(config).capabilities).toEqual({
      maxChars: { gsm7: 480, ucs2: 320 },
      duplicateWindowSeconds: 10_800,
      senderPolicy: 'may_override',
      maxMessagesPerSecond: 50,
      receiptMode: 'polling',
    });
  });

  it('requires a callback URL for callback receipts, and names the field', () => {
    const result = aggregatorDriver.configSchema.safeParse({
      baseUrl: 'http://127.0.0.1:1',
      token: 't',
      receiptMode: 'callback',
    });
    expect(result.error?.issues[0]?.path).toEqual(['callbackUrl']);
    const modes = ['callback', 'polling', 'none'] as const;
    const declared = modes.map(
      (receiptMode) =>
        new AggregatorDriver({
          baseUrl: 'http://127.0.0.1:1',
          token: 't',
          receiptMode,
          callbackUrl: 'http://127.0.0.1:2/cb',
        }).capabilities.receiptMode,
    );
    expect(declared).toEqual(['realtime', 'polling', 'none']);
  });
});

describe('AggregatorDriver answers', () => {
  it('202 → accepted under the aggregator id, sent with our id as reference', async () => {
    const { driver, sim } = await started();
    const m = msg();
    const result = await driver.submit(m);
    if (result.kind !== 'accepted') throw new Error(JSON.stringify(result));
    const [id] = result.channelMessageIds as [string];
    expect(sim.simulator.lookup(id)).toMatchObject({ to: m.to, from: 'Mtredi', text: m.text });
    expect(await status(sim, id)).toMatchObject({ id, reference: m.id });
  });

  it('gives later parts ids derived from the one aggregator id', async () => {
    const { driver } = await started();
    const result = await driver.submit(msg({ parts: 3 }));
    if (result.kind !== 'accepted') throw new Error(result.kind);
    const [id] = result.channelMessageIds;
    expect(result.channelMessageIds).toEqual([id, `${id}#2`, `${id}#3`]);
  });

  it('400 → rejected with the aggregator code: too long, bad number, unknown sender', async () => {
    const { driver } = await started({ authorizedSenders: ['Mtredi'] });
    expect(await driver.submit(msg({ text: 'ა'.repeat(321), encoding: 'ucs2', parts: 5 }))).toMatchObject({
      kind: 'rejected',
      code: 'aggregator/text_too_long',
      reason: expect.stringContaining('321 characters'),
    });
    expect(await driver.submit(msg({ to: '12' }))).toMatchObject({
      kind: 'rejected',
      code: 'aggregator/invalid_number',
    });
    expect(await driver.submit(msg({ sender: 'Kuradgeba' }))).toMatchObject({
      kind: 'rejected',
      code: 'aggregator/unknown_sender',
    });
  });

  it('429 → retry_later, cause throttled, with the Retry-After delay; health degraded, then up', async () => {
    const { driver, ctx } = await started({ throttle: { maxPerSecond: 20 } });
    const results = await Promise.all(Array.from({ length: 30 }, () => driver.submit(msg())));
    const throttled = results.filter((r) => r.kind === 'retry_later');
    expect(results.length - throttled.length).toBeGreaterThanOrEqual(20);
    expect(throttled.length).toBeGreaterThan(0);
    for (const r of throttled) {
      expect(r).toMatchObject({ cause: 'throttled', reason: 'throttled by the aggregator (HTTP 429)' });
      expect(r.delayMs).toBeGreaterThan(0);
      expect(r.delayMs).toBeLessThanOrEqual(50 * throttled.length);
    }
    expect(ctx.lastHealth).toBe('degraded');
    await sleep(Math.max(...throttled.map((r) => (r.kind === 'retry_later' ? r.delayMs : 0))));
    expect((await driver.submit(msg())).kind).toBe('accepted');
    expect(ctx.health.map((h) => h.health)).toEqual(['up', 'degraded', 'up']);
  });

  it('503 → retry_later, cause unavailable, with the outage Retry-After', async () => {
    const { driver } = await started({ outages: [{ retryAfterMs: 7000 }] });
    expect(await driver.submit(msg())).toMatchObject({ kind: 'retry_later', cause: 'unavailable', delayMs: 7000 });
  });

  it('a refused token → retry_later unavailable and the channel down at once', async () => {
    const { driver, ctx } = await started({}, { token: 'not-a-token' });
    expect(ctx.health).toMatchObject([{ health: 'down', detail: 'health check answered HTTP 401' }]);
    expect(await driver.submit(msg())).toMatchObject({ kind: 'retry_later', cause: 'unavailable' });
  });

  it('connection refused → retry_later unavailable, nothing sent, channel down from the start', async () => {
    const s = await startSim();
    const url = s.server.url;
    await s.close();
    const driver = new AggregatorDriver({ baseUrl: url, token: 't', healthProbeSeconds: 60 });
    drivers.push(driver);
    const ctx = new RecordingContext();
    await driver.start(ctx);
    expect(ctx.lastHealth).toBe('down');
    const result = await driver.submit(msg());
    expect(result).toMatchObject({ kind: 'retry_later', cause: 'unavailable' });
    if (result.kind === 'retry_later') expect(result.reason).toMatch(/nothing sent.*ECONNREFUSED/);
    expect(driver.counters.unknownOutcomes).toBe(0);
  });

  it('a timeout after sending looks the message up by reference instead of sending again', async () => {
    const { driver, sim } = await started(
      { submitLatency: { kind: 'fixed', ms: 400 } },
      { timeouts: { requestMs: 100 } },
    );
    const m = msg();
    const result = await driver.submit(m);
    if (result.kind !== 'accepted') throw new Error(JSON.stringify(result));
    expect(sim.simulator.stats().submitted).toBe(1);
    expect(await status(sim, result.channelMessageIds[0] as string)).toMatchObject({ reference: m.id });
    expect(driver.counters).toMatchObject({ unknownOutcomes: 1, foundByReference: 1 });
  });

  it('before start and after stop → retry_later, without a request', async () => {
    const s = await startSim();
    sim = s;
    const driver = new AggregatorDriver({ baseUrl: s.server.url, token: 't' });
    expect(await driver.submit(msg())).toMatchObject({ kind: 'retry_later', reason: 'aggregator channel idle' });
    await driver.start(new RecordingContext());
    await driver.stop();
    expect(await driver.submit(msg())).toMatchObject({ kind: 'retry_later', reason: 'aggregator channel stopped' });
    expect(s.simulator.stats().submitted).toBe(0);
    await expect(driver.start(new RecordingContext())).rejects.toThrow(/cannot be started again/);
  });
});

describe('reserve channel behaviour seen through the driver', () => {
  it('a repeat of the same text to the same number is accepted, then never delivered (status stays pending)', async () => {
    const { driver, ctx, sim } = await started({
      duplicateWindowSeconds: 10_800,
      receipt: { delay: { kind: 'fixed', ms: 10 } },
    });
    const first = await driver.submit(msg({ text: 'Your code is 4821' }));
    const repeat = await driver.submit(msg({ text: 'Your code is 4821' }));
    if (first.kind !== 'accepted' || repeat.kind !== 'accepted') throw new Error('expected both accepted');
    const [firstId, repeatId] = [first.channelMessageIds[0] as string, repeat.channelMessageIds[0] as string];
    await until(() => ctx.finalReceipt(firstId) !== undefined);
    await sleep(150);
    expect(ctx.finalReceipt(repeatId)).toBeUndefined();
    expect(await status(sim, repeatId)).toMatchObject({ status: 'pending' });
    expect(await status(sim, firstId)).toMatchObject({ status: 'delivered' });
  });

  it('an unauthorized sender goes out under the provider name, and the status says so', async () => {
    const { driver, sim } = await started({ authorizedSenders: ['Mtredi', 'SMSOFFICE'] });
    sim.server.setBehaviour({ senderOverride: 'unauthorized' });
    const result = await driver.submit(msg({ sender: 'Unverified' }));
    if (result.kind !== 'accepted') throw new Error(JSON.stringify(result));
    const id = result.channelMessageIds[0] as string;
    expect(sim.simulator.lookup(id)?.from).toBe('SMSOFFICE');
    expect(await status(sim, id)).toMatchObject({ from: 'Unverified', deliveredAs: 'SMSOFFICE' });
  });

  it('an outage takes the channel down after consecutive failures; it comes back up without traffic', async () => {
    const { driver, ctx, sim } = await started({}, { downAfterFailures: 2 });
    sim.simulator.setScenario({ outages: [{ retryAfterMs: 100 }] });
    for (let i = 0; i < 2; i++) expect((await driver.submit(msg())).kind).toBe('retry_later');
    expect(ctx.health.map((h) => h.health)).toEqual(['up', 'degraded', 'down']);
    await sleep(200);
    expect(ctx.lastHealth).toBe('down');
    // The drill ends the outage (PUT /scenario); the health check notices with no message sent.
    sim.simulator.setScenario({});
    await until(() => ctx.lastHealth === 'up');
    expect(ctx.health.map((h) => h.health)).toEqual(['up', 'degraded', 'down', 'up']);
    expect(sim.simulator.stats().submitted).toBe(2);
    expect((await driver.submit(msg())).kind).toBe('accepted');
  });
});
