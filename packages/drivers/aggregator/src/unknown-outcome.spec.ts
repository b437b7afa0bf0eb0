import { RecordingContext } from '@mtredi/channel-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { AggregatorDriver } from './driver.js';
import { msg, until } from './test/helpers.js';
import { type ScriptedAggregator, type ScriptedRequest, startScripted } from './test/scripted-aggregator.js';

type Answer = ReturnType<ScriptedAggregator['script']>;

let peer: ScriptedAggregator;
let driver: AggregatorDriver;

afterEach(async () => {
  await driver?.stop();
  await peer?.close();
});

/** Health and the receipt feed answer normally; submits and look-ups as the test says. */
async function start(on: { submit: () => Answer; lookup: (req: ScriptedRequest) => Answer }, graceMs = 60_000) {
  peer = await startScripted((req) => {
    if (req.path === '/api/v1/health') return { status: 200, body: { status: 'up' } };
    if (req.path.startsWith('/api/v1/receipts')) return { status: 200, body: { items: [], next: '0' } };
    if (req.method === 'POST') return on.submit();
    return on.lookup(req);
  });
  driver = new AggregatorDriver(
    { baseUrl: peer.url, token: 't', timeouts: { requestMs: 150 }, pollIntervalSeconds: 0.02 },
    { unconfirmedGraceMs: graceMs },
  );
  const ctx = new RecordingContext();
  await driver.start(ctx);
  return ctx;
}

const found = (id: string, status = 'pending') => ({
  status: 200,
  body: { items: [{ id, status, updatedAt: '2026-01-01T00:00:00.000Z', reference: 'r' }] },
});
const none = { status: 200, body: { items: [] } };

describe('a submit whose outcome is unknown is never resent blind', () => {
  it('no answer and no such reference: sent once more at once, and taken', async () => {
    const answers: Answer[] = ['hang', { status: 202, body: { id: 'agg-2', status: 'accepted' } }];
    await start({ submit: () => answers.shift() ?? 'hang', lookup: () => none });
    const m = msg();
    expect(await driver.submit(m)).toEqual({ kind: 'accepted', channelMessageIds: ['agg-2'] });
    const calls = peer.requests.filter((r) => !r.path.startsWith('/api/v1/receipts'));
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/health',
      'POST /api/v1/messages',
      `GET /api/v1/messages?reference=${m.id}`,
      'POST /api/v1/messages',
    ]);
    expect(calls[3]?.body).toMatchObject({ reference: m.id });
    expect(driver.counters).toMatchObject({ unknownOutcomes: 1, resentAfterLookup: 1, foundByReference: 0 });
  });

  it('no answer twice, the reference unknown both times: retry_later, nothing was sent', async () => {
    await start({ submit: () => 'hang', lookup: () => none });
    const result = await driver.submit(msg());
    expect(result).toMatchObject({ kind: 'retry_later', cause: 'unavailable' });
    if (result.kind === 'retry_later') expect(result.reason).toMatch(/no answer within 150 ms.*nothing was sent/);
    expect(peer.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(driver.counters.unknownOutcomes).toBe(2);
  });

  for (const [what, submit] of [
    ['HTTP 500', () => ({ status: 500, body: { error: 'boom' } })],
    ['HTTP 502 from a proxy', () => ({ status: 502 })],
    ['a 202 without an id', () => ({ status: 202, body: { status: 'accepted' } })],
    ['no answer', () => 'hang' as const],
  ] as const) {
    it(`${what}, and the reference is found: accepted under the found id, not sent again`, async () => {
      await start({ submit, lookup: () => found('agg-42') });
      expect(await driver.submit(msg({ parts: 2 }))).toEqual({
        kind: 'accepted',
        channelMessageIds: ['agg-42', 'agg-42#2'],
      });
      expect(peer.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(driver.counters.foundByReference).toBe(1);
    });
  }

  it('when the look-up fails too: accepted under a placeholder, then reported once the aggregator can say', async () => {
    let reachable = false;
    const ctx = await start({
      submit: () => 'hang',
      lookup: () => (reachable ? found('agg-7', 'undelivered') : 'hang'),
    });
    const m = msg({ parts: 2 });
    const result = await driver.submit(m);
    const placeholder = `unconfirmed:${m.id}`;
    expect(result).toEqual({ kind: 'accepted', channelMessageIds: [placeholder, `${placeholder}#2`] });
    expect(driver.counters.unconfirmed).toBe(1);
    reachable = true;
    await until(() => ctx.receipts.length === 2);
    expect(ctx.receipts.map((r) => [r.channelMessageId, r.state])).toEqual([
      [placeholder, 'undelivered'],
      [`${placeholder}#2`, 'undelivered'],
    ]);
    expect(driver.counters.unconfirmed).toBe(0);
    expect(peer.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a placeholder the aggregator still does not know after the grace period: undelivered, not received', async () => {
    let answer: Answer = 'hang';
    const ctx = await start({ submit: () => 'hang', lookup: () => answer }, 100);
    const m = msg();
    await driver.submit(m);
    answer = none;
    await until(() => ctx.receipts.length === 1);
    expect(ctx.receipts[0]).toMatchObject({
      channelMessageId: `unconfirmed:${m.id}`,
      state: 'undelivered',
      errorCode: 'aggregator/not_received',
    });
  });

  it('a submit pending on the aggregator stays followed until it is final', async () => {
    let status = 'hang';
    const ctx = await start({
      submit: () => 'hang',
      lookup: () => (status === 'hang' ? 'hang' : found('agg-9', status)),
    });
    await driver.submit(msg());
    status = 'pending';
    await until(() => peer.requests.filter((r) => r.path.includes('reference=')).length >= 4);
    expect(ctx.receipts).toEqual([]);
    status = 'delivered';
    await until(() => ctx.receipts.length === 1);
    expect(ctx.receipts[0]?.state).toBe('delivered');
  });
});
