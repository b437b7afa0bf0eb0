import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CallbackBody, CallbackSender } from './callbacks.js';
import { type AggregatorBehaviour, type AggregatorServerOptions, DEFAULT_BEHAVIOUR } from './options.js';
import { type MessageRecord, MessageStore } from './store.js';
import { type Answer, handleSubmit } from './submit.js';

/** A running aggregator API. */
export interface AggregatorServer {
  readonly port: number;
  /** `http://host:port`, the `baseUrl` of an `aggregator` channel. */
  readonly url: string;
  readonly behaviour: AggregatorBehaviour;
  /** Switches the aggregator's own habits live (sender override, length limits). */
  setBehaviour(change: Partial<AggregatorBehaviour>): AggregatorBehaviour;
  /** Callback deliveries: delivered, failed attempts, given up. */
  readonly callbackCounters: Readonly<CallbackSender['counters']>;
  /** Stops listening, drops connections, cancels callback retries. The simulator is left running. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
type Route = (req: IncomingMessage, url: URL, account: string) => Answer | Promise<Answer>;

/**
 * Starts the reserve aggregator's HTTP API (documented in packages/drivers/aggregator/README.md) in
 * front of `simulator`: outages answer 503, throttling 429 with Retry-After, rejections 400, and
 * receipts land in the polling feed and at each message's callback URL.
 */
export async function startAggregatorServer(options: AggregatorServerOptions): Promise<AggregatorServer> {
  const { simulator } = options;
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the aggregator API listens on loopback only, not on "${host}"`);
  const tokens = new Set(options.credentials ?? []);
  let behaviour: AggregatorBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const store = new MessageStore(options.retention ?? 100_000);
  const callbacks = new CallbackSender({
    attempts: 5,
    initialDelayMs: 1000,
    timeoutMs: 5000,
    ...options.callbackRetry,
  });
  const held = new Set<NodeJS.Timeout>();

  const offReceipt = simulator.onReceipt((r) => {
    const record = store.settle(r.messageId, r.state, r.errorCode, r.doneAt);
    if (!record?.callbackUrl) return;
    const body: CallbackBody = { id: record.id, status: record.status, at: r.doneAt.toISOString() };
    if (record.errorCode !== undefined) body.errorCode = record.errorCode;
    if (record.reference !== undefined) body.reference = record.reference;
    callbacks.send(record.callbackUrl, body, record.account);
  });

  const routes: Record<string, Route> = {
    'POST /api/v1/messages': async (req, _url, account) =>
      handleSubmit(await readJson(req), account, simulator, store, behaviour),
    'GET /api/v1/messages': (_req, url, account) => {
      const reference = url.searchParams.get('reference');
      if (!reference) return bad('invalid_request', 'give ?reference= to look a message up by your reference');
      const record = store.byReference(account, reference);
      return { status: 200, body: { items: record ? [view(record)] : [] } };
    },
    'GET /api/v1/receipts': (_req, url, account) => {
      const after = url.searchParams.get('after') ?? '0';
      const limit = Number(url.searchParams.get('limit') ?? 100);
      if (!/^\d{1,15}$/.test(after)) return bad('invalid_cursor', `after: "${after}" is not a cursor from "next"`);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return bad('invalid_request', 'limit: 1 to 1000');
      const items = store.receipts(account, Number(after), limit);
      const next = String(items.at(-1)?.seq ?? after);
      return { status: 200, body: { items: items.map(({ seq, ...receipt }) => receipt), next } };
    },
    'GET /api/v1/health': () =>
      simulator.isAvailable()
        ? { status: 200, body: { status: 'up' } }
        : { status: 503, body: { status: 'down', error: 'operator unavailable', code: 'unavailable' } },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://aggregator');
    const single = /^\/api\/v1\/messages\/([^/]+)$/.exec(url.pathname);
    const route = single ? messageRoute(single[1] as string) : routes[`${req.method} ${url.pathname}`];
    const answer = async (): Promise<Answer> => {
      const account = authenticate(req, tokens);
      if (account === undefined)
        return { status: 401, body: { error: 'missing or unknown token', code: 'unauthorized' } };
      if (!route)
        return { status: 404, body: { error: `no such endpoint: ${req.method} ${url.pathname}`, code: 'not_found' } };
      return route(req, url, account);
    };
    answer().then(
      (a) => {
        if (!a.delayMs) return write(res, a);
        const timer = setTimeout(() => {
          held.delete(timer);
          write(res, a);
        }, a.delayMs);
        held.add(timer);
      },
      (error: unknown) =>
        error instanceof BodyError
          ? write(res, bad(error.code, error.message))
          : write(res, { status: 500, body: { error: (error as Error).message, code: 'internal' } }),
    );
  });

  function messageRoute(id: string): Route | undefined {
    return (req, _url, account) => {
      if (req.method !== 'GET') return { status: 405, body: { error: 'use GET', code: 'method_not_allowed' } };
      const record = store.get(account, decodeURIComponent(id));
      return record
        ? { status: 200, body: view(record) }
        : { status: 404, body: { error: `no message ${id}`, code: 'not_found' } };
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4781, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    get behaviour() {
      return behaviour;
    },
    setBehaviour(change) {
      behaviour = { ...behaviour, ...change };
      return behaviour;
    },
    callbackCounters: callbacks.counters,
    close: async () => {
      offReceipt();
      callbacks.close();
      for (const t of held) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function authenticate(req: IncomingMessage, tokens: Set<string>): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const token = match?.[1];
  if (token === undefined) return undefined;
  return tokens.size === 0 || tokens.has(token) ? token : undefined;
}

function view(r: MessageRecord): Record<string, unknown> {
  return {
    id: r.id,
    status: r.status,
    ...(r.errorCode !== undefined ? { errorCode: r.errorCode } : {}),
    from: r.from,
    ...(r.deliveredAs !== undefined ? { deliveredAs: r.deliveredAs } : {}),
    to: r.to,
    ...(r.reference !== undefined ? { reference: r.reference } : {}),
    submittedAt: r.submittedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const bad = (code: string, error: string): Answer => ({ status: 400, body: { error, code } });

class BodyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError('invalid_request', `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('invalid_request', 'body is not JSON');
  }
}

function write(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (answer.retryAfterMs !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(answer.retryAfterMs / 1000)));
  if (answer.status === 401) headers['www-authenticate'] = 'Bearer';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}
