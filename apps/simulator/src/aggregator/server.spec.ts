import { OperatorSimulator, type ScenarioInput } from '@mtredi/operator-sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { AggregatorBehaviour } from './options.js';
import { type AggregatorServer, startAggregatorServer } from './server.js';

const TOKEN = 'secret-a';
let sim: OperatorSimulator;
let server: AggregatorServer;

async function start(scenario: ScenarioInput = {}, behaviour: Partial<AggregatorBehaviour> = {}) {
  sim = new OperatorSimulator({ scenario });
  server = await startAggregatorServer({ simulator: sim, port: 0, credentials: [TOKEN, 'secret-b'], behaviour });
}

afterEach(async () => {
  await server?.close();
  sim?.dispose();
});

const call = async (method: string, path: string, body?: unknown, token = TOKEN) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
};
const send = (body: Record<string, unknown>, token = TOKEN) =>
  call('POST', '/api/v1/messages', { from: 'Mtredi', to: '+995599000001', text: 'hello', ...body }, token);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('aggregator API: submit', () => {
  it('listens on 127.0.0.1 only and refuses any other address', async () => {
    await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startAggregatorServer({ simulator: sim, port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('answers 401 without a known bearer token', async () => {
    await start();
    const res = await send({}, 'wrong');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body.code).toBe('unauthorized');
  });

  it('accepts with 202 and one id, stored before the answer', async () => {
    await start();
    const res = await send({ reference: 'm-1' });
    expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const id = res.body.id as string;
    expect(sim.lookup(id)).toMatchObject({ to: '+995599000001', from: 'Mtredi', text: 'hello' });
    const status = await call('GET', `/api/v1/messages/${id}`);
    expect(status.body).toMatchObject({ id, status: 'pending', reference: 'm-1' });
  });

  it('takes 320 Georgian and 480 Latin characters, and refuses one more', async () => {
    await start();
    expect((await send({ text: 'ა'.repeat(320) })).status).toBe(202);
    expect((await send({ text: 'a'.repeat(480) })).status).toBe(202);
    const georgian = await send({ text: 'ა'.repeat(321) });
    expect(georgian).toMatchObject({ status: 400, body: { code: 'text_too_long' } });
    expect(georgian.body.error).toMatch(/UCS-2\) text of 321 characters; at most 320/);
    expect((await send({ text: 'a'.repeat(481) })).body.code).toBe('text_too_long');
  });

  it('refuses a bad number, a bad body and a callback URL off loopback', async () => {
    await start();
    expect((await send({ to: '599 12' })).body.code).toBe('invalid_number');
    expect((await send({ text: '' })).body).toMatchObject({
      code: 'invalid_request',
      error: expect.stringMatching(/^text/),
    });
    const remote = await send({ callbackUrl: 'http://example.com/cb' });
    expect(remote).toMatchObject({ status: 400, body: { code: 'invalid_callback_url' } });
    expect(sim.stats().submitted).toBe(0);
  });

  it('replays a known reference instead of sending twice; another text under it is a conflict', async () => {
    await start();
    const first = await send({ reference: 'r-1' });
    const again = await send({ reference: 'r-1' });
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id, replayed: true } });
    expect((await send({ reference: 'r-1', text: 'other' })).status).toBe(409);
    expect((await send({ reference: 'r-1' }, 'secret-b')).body.id).not.toBe(first.body.id);
    expect(sim.stats().submitted).toBe(2);
  });

  it('refuses a sender the operator did not authorize, or delivers it as the provider when told to', async () => {
    await start({ authorizedSenders: ['Mtredi', 'SMSOFFICE'] });
    expect((await send({ from: 'Fasdakleba' })).body).toMatchObject({ code: 'unknown_sender' });
    server.setBehaviour({ senderOverride: 'unauthorized' });
    const res = await send({ from: 'Fasdakleba' });
    expect(res.status).toBe(202);
    expect(sim.lookup(res.body.id as string)?.from).toBe('SMSOFFICE');
    expect((await call('GET', `/api/v1/messages/${res.body.id}`)).body).toMatchObject({
      from: 'Fasdakleba',
      deliveredAs: 'SMSOFFICE',
    });
    const authorized = await send({ from: 'Mtredi' });
    expect((await call('GET', `/api/v1/messages/${authorized.body.id}`)).body.deliveredAs).toBeUndefined();
  });

  it('answers 429 with Retry-After above the throttle, 503 in an outage', async () => {
    await start({ throttle: { maxPerSecond: 2 } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await send({ text: `t${i}` })).status);
    expect(codes).toEqual([202, 202, 429]);
    const throttled = await send({ text: 'more' });
    expect(throttled.body).toMatchObject({ error: 'throttled', retryAfterMs: expect.any(Number) });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    sim.setScenario({ outages: [{ retryAfterMs: 4500 }] });
    const down = await send({ text: 'down' });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect((await call('GET', '/api/v1/health')).status).toBe(503);
  });

  it('holds the answer for the scenario latency', async () => {
    await start({ submitLatency: { kind: 'fixed', ms: 150 } });
    const t0 = performance.now();
    expect((await send({})).status).toBe(202);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('aggregator API: statuses and receipts', () => {
  it('drops a repeat of the same text to the same number: 202, then pending for ever', async () => {
    await start({ duplicateWindowSeconds: 10_800, receipt: { delay: { kind: 'fixed', ms: 10 } } });
    const first = await send({ reference: 'a' });
    const repeat = await send({ reference: 'b' });
    expect(repeat.status).toBe(202);
    await sleep(100);
    expect((await call('GET', `/api/v1/messages/${first.body.id}`)).body.status).toBe('delivered');
    expect((await call('GET', `/api/v1/messages/${repeat.body.id}`)).body.status).toBe('pending');
    expect(sim.stats().duplicatesDropped).toBe(1);
  });

  it('keeps a feed per account, in order, paged by cursor', async () => {
    await start({ receipt: { delay: { kind: 'fixed', ms: 5 } } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await send({ text: `n${i}` })).body.id as string);
    await send({ text: 'other account' }, 'secret-b');
    await sleep(60);
    const page1 = await call('GET', '/api/v1/receipts?limit=3');
    const items1 = page1.body.items as { id: string; status: string; at: string }[];
    expect(items1.map((r) => r.id)).toEqual(ids.slice(0, 3));
    expect(items1[0]).toMatchObject({ status: 'delivered', at: expect.stringMatching(/Z$/) });
    const page2 = await call('GET', `/api/v1/receipts?after=${page1.body.next}&limit=3`);
    expect((page2.body.items as { id: string }[]).map((r) => r.id)).toEqual(ids.slice(3));
    const empty = await call('GET', `/api/v1/receipts?after=${page2.body.next}`);
    expect(empty.body).toEqual({ items: [], next: page2.body.next });
    expect((await call('GET', '/api/v1/receipts?after=x')).body.code).toBe('invalid_cursor');
  });

  it("does not show one account another's messages", async () => {
    await start();
    const mine = await send({ reference: 'mine' });
    expect((await call('GET', `/api/v1/messages/${mine.body.id}`, undefined, 'secret-b')).status).toBe(404);
    expect((await call('GET', '/api/v1/messages?reference=mine', undefined, 'secret-b')).body.items).toEqual([]);
    const found = await call('GET', '/api/v1/messages?reference=mine');
    expect((found.body.items as { id: string }[])[0]?.id).toBe(mine.body.id);
  });

  it('reports expired and undelivered with the error code', async () => {
    await start({
      receipt: { delay: { kind: 'fixed', ms: 5 } },
      rules: [{ match: { prefix: '99559' }, receipt: { state: 'undelivered', errorCode: '069' } }],
    });
    const res = await send({ to: '+995591000000' });
    await sleep(50);
    expect((await call('GET', `/api/v1/messages/${res.body.id}`)).body).toMatchObject({
      status: 'undelivered',
      errorCode: '069',
    });
  });
});
