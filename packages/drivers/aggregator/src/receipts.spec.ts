import { createHmac } from 'node:crypto';
import { RecordingContext } from '@mtredi/channel-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { AggregatorCallbackError } from './callback.js';
import type { AggregatorDriverConfigInput } from './config.js';
import { AggregatorDriver } from './driver.js';
import { type Sim, startSim, TOKENS } from './test/aggregator-sim.js';
import { type CallbackEndpoint, startCallbackEndpoint } from './test/callback-endpoint.js';
import { msg, sleep, until } from './test/helpers.js';
import { type ScriptedAggregator, startScripted } from './test/scripted-aggregator.js';

let sim: Sim | undefined;
let endpoint: CallbackEndpoint | undefined;
let peer: ScriptedAggregator | undefined;
const drivers: AggregatorDriver[] = [];

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
  await sim?.close();
  await endpoint?.close();
  await peer?.close();
  sim = endpoint = peer = undefined;
});

const UNDELIVERED = '+995577000000';
const scenario = {
  receipt: { delay: { kind: 'fixed' as const, ms: 10 } },
  rules: [{ match: { prefix: UNDELIVERED }, receipt: { state: 'undelivered' as const, errorCode: '069' } }],
};

async function driverOn(baseUrl: string, config: Partial<AggregatorDriverConfigInput> = {}) {
  const driver = new AggregatorDriver({ baseUrl, token: TOKENS[0] as string, pollIntervalSeconds: 0.02, ...config });
  drivers.push(driver);
  const ctx = new RecordingContext();
  await driver.start(ctx);
  return { driver, ctx };
}

const accepted = async (driver: AggregatorDriver, m = msg()) => {
  const r = await driver.submit(m);
  if (r.kind !== 'accepted') throw new Error(JSON.stringify(r));
  return r.channelMessageIds[0] as string;
};

describe('polling receipts', () => {
  it('reports each receipt of the feed once, with state, error code and the operator time', async () => {
    sim = await startSim(scenario);
    const { driver, ctx } = await driverOn(sim.server.url);
    const ok = await accepted(driver);
    const failed = await accepted(driver, msg({ to: UNDELIVERED }));
    await until(() => ctx.receipts.length === 2);
    await sleep(100);
    expect(ctx.receipts).toHaveLength(2);
    expect(ctx.finalReceipt(ok)).toMatchObject({ state: 'delivered' });
    const receipt = ctx.finalReceipt(failed);
    expect(receipt).toMatchObject({ state: 'undelivered', errorCode: '069' });
    // The time is the operator's (the feed's `at`), not when the poll happened to read it.
    const res = await fetch(`${sim.server.url}/api/v1/messages/${failed}`, {
      headers: { authorization: `Bearer ${TOKENS[0]}` },
    });
    expect(receipt?.at.toISOString()).toBe(((await res.json()) as { updatedAt: string }).updatedAt);
    expect(Number(driver.counters.cursor)).toBeGreaterThan(0);
  });

  it('reads a backlog bigger than one page in one round, in order', async () => {
    sim = await startSim({ receipt: { delay: { kind: 'fixed', ms: 1 } } });
    const sender = await driverOn(sim.server.url, { receiptMode: 'none' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await accepted(sender.driver));
    await sleep(30);
    const { ctx } = await driverOn(sim.server.url, { pollBatchSize: 3, pollIntervalSeconds: 60 });
    await until(() => ctx.receipts.length === 7);
    expect(ctx.receipts.map((r) => r.channelMessageId)).toEqual(ids);
  });

  it('a new driver on the same account starts from the oldest receipt the aggregator keeps', async () => {
    sim = await startSim(scenario);
    const first = await driverOn(sim.server.url);
    const id = await accepted(first.driver);
    await until(() => first.ctx.receipts.length === 1);
    await first.driver.stop();
    const second = await driverOn(sim.server.url);
    await until(() => second.ctx.receipts.length === 1);
    expect(second.ctx.receipts[0]?.channelMessageId).toBe(id);
  });

  it('a failing feed counts against health', async () => {
    peer = await startScripted((req) =>
      req.path === '/api/v1/health' ? { status: 200 } : { status: 500, body: { error: 'feed broken' } },
    );
    const { driver, ctx } = await driverOn(peer.url, { downAfterFailures: 2, healthProbeSeconds: 60 });
    await until(() => ctx.lastHealth === 'down');
    expect(ctx.health[1]).toMatchObject({
      health: 'degraded',
      detail: expect.stringMatching(/receipt poll failed: HTTP 500/),
    });
    expect(driver.counters.pollFailures).toBeGreaterThanOrEqual(2);
  });
});

describe('callback receipts', () => {
  it('the aggregator POSTs to the callback URL; parseCallback turns it into the receipt, for every part', async () => {
    sim = await startSim(scenario);
    endpoint = await startCallbackEndpoint();
    const { driver, ctx } = await driverOn(sim.server.url, {
      receiptMode: 'callback',
      callbackUrl: `${endpoint.url}/channels/c1/callback`,
    });
    endpoint.attach('c1', driver, ctx);
    const r = await driver.submit(msg({ to: UNDELIVERED, parts: 2 }));
    if (r.kind !== 'accepted') throw new Error(r.kind);
    await until(() => ctx.receipts.length === 2);
    expect(ctx.receipts.map((x) => [x.channelMessageId, x.state, x.errorCode])).toEqual([
      [r.channelMessageIds[0], 'undelivered', '069'],
      [r.channelMessageIds[1], 'undelivered', '069'],
    ]);
    expect(endpoint.requests).toMatchObject([{ path: '/channels/c1/callback', status: 204 }]);
  });

  it('a callback the endpoint failed to take is sent again until it is taken', async () => {
    sim = await startSim(scenario);
    endpoint = await startCallbackEndpoint();
    const { driver, ctx } = await driverOn(sim.server.url, {
      receiptMode: 'callback',
      callbackUrl: `${endpoint.url}/channels/c1/callback`,
    });
    endpoint.attach('c1', driver, ctx);
    endpoint.failNext(2);
    await accepted(driver);
    await until(() => ctx.receipts.length === 1);
    expect(endpoint.requests.map((x) => x.status)).toEqual([500, 500, 204]);
  });

  it('refuses a forged or malformed callback with a code, and takes an unsigned one only when told to', () => {
    const driver = new AggregatorDriver({
      baseUrl: 'http://127.0.0.1:1',
      token: 'tok',
      receiptMode: 'callback',
      callbackUrl: 'http://127.0.0.1:2/',
    });
    const body = { id: 'a1', status: 'delivered', at: '2026-04-25T10:00:00.000Z' };
    const signed = { 'X-Aggregator-Signature': `sha256=${hmac('tok', 'a1.delivered..2026-04-25T10:00:00.000Z')}` };
    expect(driver.parseCallback(body, signed)).toEqual([
      { channelMessageId: 'a1', state: 'delivered', at: new Date('2026-04-25T10:00:00.000Z') },
    ]);
    expect(driver.parseCallback(JSON.stringify(body), signed)).toHaveLength(1);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof AggregatorCallbackError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(code(() => driver.parseCallback({ ...body, status: 'undelivered' }, signed))).toBe(
      'aggregator/bad_signature',
    );
    expect(code(() => driver.parseCallback(body, {}))).toBe('aggregator/bad_signature');
    expect(code(() => driver.parseCallback({ id: 'a1' }, signed))).toBe('aggregator/bad_callback');
    expect(code(() => driver.parseCallback('not json', signed))).toBe('aggregator/bad_callback');
    const lax = new AggregatorDriver({
      baseUrl: 'http://127.0.0.1:1',
      token: 'tok',
      receiptMode: 'callback',
      callbackUrl: 'http://127.0.0.1:2/',
      verifyCallbackSignature: false,
    });
    expect(lax.parseCallback({ ...body, status: 'pending', errorCode: '000' }, {})).toEqual([
      { channelMessageId: 'a1', state: 'enroute', errorCode: '000', at: new Date(body.at) },
    ]);
  });
});

describe('no receipts', () => {
  it('never polls and reports nothing: statuses stay in transit', async () => {
    sim = await startSim(scenario);
    const { driver, ctx } = await driverOn(sim.server.url, { receiptMode: 'none' });
    await accepted(driver);
    await sleep(100);
    expect(sim.simulator.stats().receiptsSent).toBe(1);
    expect(ctx.receipts).toEqual([]);
    expect(driver.counters.cursor).toBeUndefined();
  });

  it('sends no callback URL unless receipts come by callback', async () => {
    peer = await startScripted((req) => (req.method === 'POST' ? { status: 202, body: { id: 'x' } } : { status: 200 }));
    const { driver } = await driverOn(peer.url, { receiptMode: 'none', callbackUrl: 'http://127.0.0.1:9/cb' });
    await accepted(driver);
    expect(peer.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      expect.not.objectContaining({ callbackUrl: expect.anything() }),
    ]);
  });
});

function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
