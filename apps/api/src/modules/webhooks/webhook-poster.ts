import { createHmac } from 'node:crypto';
import { WEBHOOK_SIGNATURE_HEADER } from '@mtredi/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { WebhookFormatValue } from './webhook.entity.js';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

/** Enough of an answer to show in the log; the rest is not read. */
const ANSWER_BYTES = 300;

export interface PostRequest {
  url: string;
  format: WebhookFormatValue;
  secret: string;
  payload: Record<string, unknown>;
  eventId: string;
  deliveryId: string;
  attempt: number;
}

export interface PostResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<signed>">` with the webhook's secret. */
export function signature(secret: string, unixSeconds: number, signed: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${signed}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** One HTTP attempt of one delivery, with a timeout; never throws. */
@Injectable()
export class WebhookPoster {
  constructor(@Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings) {}

  async post(request: PostRequest): Promise<PostResult> {
    const t = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'User-Agent': 'Mtredi-Webhooks/1',
      'Mtredi-Event-Id': request.eventId,
      'Mtredi-Delivery-Id': request.deliveryId,
      'Mtredi-Delivery-Attempt': String(request.attempt),
    };
    let url: URL;
    let body: string | undefined;
    if (request.format === 'smsoffice') {
      // smsoffice.ge calls its callbacks with GET parameters; the signature covers the parameters we add.
      const query = new URLSearchParams(request.payload as Record<string, string>).toString();
      url = new URL(request.url);
      url.search = url.search ? `${url.search}&${query}` : `?${query}`;
      headers[WEBHOOK_SIGNATURE_HEADER] = signature(request.secret, t, query);
    } else {
      url = new URL(request.url);
      body = JSON.stringify(request.payload);
      headers['Content-Type'] = 'application/json';
      headers[WEBHOOK_SIGNATURE_HEADER] = signature(request.secret, t, body);
    }
    try {
      const response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        ...(body === undefined ? {} : { body }),
        // A redirect is an answer to fix, not to follow: the signature was made for this URL.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      const answer = await readStart(response);
      const success = response.status >= 200 && response.status < 300;
      if (request.format === 'smsoffice' && success && answer.trim().toUpperCase() !== 'OK') {
        return { ok: false, statusCode: response.status, error: `answered ${quote(answer)} instead of OK` };
      }
      if (success) return { ok: true, statusCode: response.status, error: null };
      return {
        ok: false,
        statusCode: response.status,
        error: `HTTP ${response.status}${answer ? `: ${quote(answer)}` : ''}`,
      };
    } catch (error) {
      return { ok: false, statusCode: null, error: describe(error) };
    }
  }
}

async function readStart(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8');
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line);
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer within the timeout';
  const cause = e.cause?.code ?? e.cause?.message;
  return (cause ? `${e.message}: ${cause}` : e.message).slice(0, 300);
}
