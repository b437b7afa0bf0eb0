import type { Receipt, ReceiptState } from '@mtredi/channel-sdk';
import { z } from 'zod';
import { type HttpResponse, type HttpTimeouts, type HttpTransport } from './http.js';

/** A message's status on the aggregator (`GET /api/v1/messages/:id`). */
export const MessageView = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  errorCode: z.string().optional(),
  deliveredAs: z.string().optional(),
  updatedAt: z.string(),
});
export type MessageView = z.infer<typeof MessageView>;

/** One receipt, as in the `/receipts` feed and the callback body. */
export const ApiReceipt = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  errorCode: z.string().optional(),
  at: z.iso.datetime({ offset: true }),
});
export type ApiReceipt = z.infer<typeof ApiReceipt>;

const ReceiptPage = z.object({ items: z.array(ApiReceipt), next: z.string().min(1) });
const LookupPage = z.object({ items: z.array(MessageView) });

const STATES: Record<string, ReceiptState> = {
  pending: 'enroute',
  delivered: 'delivered',
  undelivered: 'undelivered',
  expired: 'expired',
  rejected: 'rejected',
};

/** The aggregator's status word as a receipt state; an unknown word is `unknown`, never a guess. */
export const receiptState = (status: string): ReceiptState => STATES[status] ?? 'unknown';

export function toReceipt(r: ApiReceipt, channelMessageId = r.id): Receipt {
  const receipt: Receipt = { channelMessageId, state: receiptState(r.status), at: new Date(r.at) };
  if (r.errorCode !== undefined) receipt.errorCode = r.errorCode;
  return receipt;
}

/** The answer was not what the API documents (an error status, a proxy's page): a failed call. */
export class UnexpectedAnswer extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The aggregator API's calls (packages/drivers/aggregator/README.md), with the account's token. */
export class AggregatorApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly transport: HttpTransport,
    private readonly timeouts: HttpTimeouts,
  ) {}

  submit(body: Record<string, string>): Promise<HttpResponse> {
    return this.call('POST', '/api/v1/messages', JSON.stringify(body));
  }

  /** The message sent with this `reference`, or undefined when the aggregator has none. */
  async lookup(reference: string): Promise<MessageView | undefined> {
    const res = await this.call('GET', `/api/v1/messages?reference=${encodeURIComponent(reference)}`);
    return this.parse(res, LookupPage).items[0];
  }

  async receipts(after: string | undefined, limit: number): Promise<{ items: ApiReceipt[]; next: string }> {
    const query = `limit=${limit}${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
    return this.parse(await this.call('GET', `/api/v1/receipts?${query}`), ReceiptPage);
  }

  /** Resolves when the aggregator answers 200 to `GET /health`; the status code otherwise. */
  async health(): Promise<number> {
    return (await this.call('GET', '/api/v1/health')).status;
  }

  private call(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    const url = `${this.baseUrl.replace(/\/+$/, '')}${path}`;
    return this.transport.send(
      body === undefined ? { method, url, headers } : { method, url, headers, body },
      this.timeouts,
    );
  }

  private parse<T>(res: HttpResponse, schema: z.ZodType<T>): T {
    if (res.status !== 200) throw new UnexpectedAnswer(res.status, `HTTP ${res.status}: ${errorText(res)}`);
    const parsed = schema.safeParse(safeJson(res.body));
    if (!parsed.success)
      throw new UnexpectedAnswer(res.status, `unexpected answer: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `{ error, code }` of an error answer, as one line. */
export function errorText(res: HttpResponse): string {
  const body = safeJson(res.body) as { error?: unknown; code?: unknown } | undefined;
  const error = typeof body?.error === 'string' ? body.error : res.body.slice(0, 200);
  return typeof body?.code === 'string' ? `${body.code}: ${error}` : error;
}
