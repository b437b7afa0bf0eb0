import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OperatorSimulator } from '@mtredi/operator-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackUrl, SIGNATURE_HEADER, signCallback } from './callbacks.js';
import { type AggregatorServer, startAggregatorServer } from './server.js';

interface Hit {
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  at: number;
}

let receiver: Server;
let server: AggregatorServer;
let sim: OperatorSimulator;

afterEach(async () => {
  await server?.close();
  sim?.dispose();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** A callback receiver on 127.0.0.1 that answers the statuses given, then 204. */
async function receive(statuses: number[]): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    hits.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers, at: Date.now() });
    res.writeHead(statuses.shift() ?? 204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`, hits };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('aggregator callbacks', () => {
  it('POSTs the final status, signed with the account token, and retries with backoff until a 2xx', async () => {
    const { url, hits } = await receive([500, 503]);
    sim = new OperatorSimulator({ scenario: { receipt: { delay: { kind: 'fixed', ms: 5 } } } });
    const retry = { attempts: 5, initialDelayMs: 40, timeoutMs: 1000 };
    server = await startAggregatorServer({ simulator: sim, port: 0, credentials: ['tok'], callbackRetry: retry });
    const res = await fetch(`${server.url}/api/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok' },
      body: JSON.stringify({ from: 'Mtredi', to: '+995599000001', text: 'hi', reference: 'r1', callbackUrl: url }),
    });
    const { id } = (await res.json()) as { id: string };
    await until(() => server.callbackCounters.delivered === 1);
    expect(hits.map((h) => h.body)).toEqual(
      Array(3).fill({ id, status: 'delivered', at: expect.any(String), reference: 'r1' }),
    );
    const body = hits[0]?.body as { id: string; status: string; at: string };
    expect(hits[0]?.headers[SIGNATURE_HEADER]).toBe(signCallback('tok', body));
    // Backoff doubles: 40 ms, then 80 ms.
    const [a, b, c] = hits.map((h) => h.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(35);
    expect(c - b).toBeGreaterThanOrEqual(75);
    expect(server.callbackCounters).toEqual({ delivered: 1, failedAttempts: 2, givenUp: 0 });
  });

  it('gives up after the last attempt; the receipt stays in the feed', async () => {
    const { url, hits } = await receive([500, 500]);
    sim = new OperatorSimulator({ scenario: { receipt: { delay: { kind: 'fixed', ms: 1 } } } });
    const retry = { attempts: 2, initialDelayMs: 10, timeoutMs: 1000 };
    server = await startAggregatorServer({ simulator: sim, port: 0, callbackRetry: retry });
    await fetch(`${server.url}/api/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer any' },
      body: JSON.stringify({ from: 'Mtredi', to: '+995599000001', text: 'hi', callbackUrl: url }),
    });
    await until(() => server.callbackCounters.givenUp === 1);
    expect(hits).toHaveLength(2);
    const feed = await fetch(`${server.url}/api/v1/receipts`, { headers: { authorization: 'Bearer any' } });
    expect(((await feed.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('knows loopback URLs from others', () => {
    for (const ok of ['http://127.0.0.1:9/x', 'http://localhost/cb', 'http://[::1]:80/', 'http://127.1.2.3/'])
      expect(isLoopbackUrl(ok)).toBe(true);
    for (const bad of [
      'https://127.0.0.1/',
      'http://10.0.0.1/',
      'http://127.0.0.1.example.com/',
      'http://u:p@localhost/',
      'nope',
    ])
      expect(isLoopbackUrl(bad)).toBe(false);
  });
});
