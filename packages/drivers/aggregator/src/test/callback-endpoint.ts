import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelContext } from '@mtredi/channel-sdk';
import { AggregatorCallbackError } from '../callback.js';
import type { AggregatorDriver } from '../driver.js';

export interface CallbackEndpoint {
  url: string;
  /** Callback requests seen, with the status answered. */
  readonly requests: { path: string; status: number; headers: IncomingHttpHeaders }[];
  /** Routes `/channels/<key>/callback` to this driver and reports its receipts to `context`. */
  attach(key: string, driver: AggregatorDriver, context: ChannelContext): void;
  detach(key: string): void;
  /** The next `n` callbacks are answered 500 (the sender must retry). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/**
 * Stands in for the core's callback endpoint on 127.0.0.1: hands each body to the channel's
 * `parseCallback`, reports the receipts, answers 204; a bad callback gets 400/401, as the core would.
 */
export async function startCallbackEndpoint(): Promise<CallbackEndpoint> {
  const channels = new Map<string, { driver: AggregatorDriver; context: ChannelContext }>();
  const requests: CallbackEndpoint['requests'] = [];
  let failures = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '';
    const answer = (status: number) => {
      requests.push({ path, status, headers: req.headers });
      res.writeHead(status).end();
    };
    const channel = channels.get(/^\/channels\/([^/]+)\/callback$/.exec(path)?.[1] ?? '');
    if (!channel) return answer(404);
    if (failures > 0) {
      failures--;
      return answer(500);
    }
    try {
      const receipts = channel.driver.parseCallback(JSON.parse(Buffer.concat(chunks).toString('utf8')), req.headers);
      for (const r of receipts) channel.context.onReceipt(r);
      answer(204);
    } catch (error) {
      answer(error instanceof AggregatorCallbackError && error.code === 'aggregator/bad_signature' ? 401 : 400);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    attach: (key, driver, context) => channels.set(key, { driver, context }),
    detach: (key) => channels.delete(key),
    failNext: (n) => {
      failures = n;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
