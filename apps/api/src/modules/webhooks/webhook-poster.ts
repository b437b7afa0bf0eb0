import { createHmac } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { WEBHOOK_SIGNATURE_HEADER } from '@mtredi/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { WebhookFormatValue } from './webhook.entity.js';
import { WebhookAddressError, webhookAddresses } from './webhook-address.js';
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
      // Checked at every attempt, not only at registration: the host's DNS may have changed since. The
      // connection then goes to exactly the addresses checked, so a second lookup cannot swap them.
      const addresses = await webhookAddresses(url.href, this.settings.allowPrivateAddresses);
      const response = await send(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body,
        addresses,
        timeoutMs: this.settings.timeoutMs,
      });
      const answer = response.answer;
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

interface SendOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | undefined;
  addresses: LookupAddress[];
  timeoutMs: number;
}

/**
 * One HTTP(S) request to already-checked addresses (TLS still verifies the URL's host name). Redirects are
 * not followed: a redirect is an answer to fix, and the signature was made for this URL. The timeout covers
 * connecting and reading the start of the answer.
 */
function send(url: URL, options: SendOptions): Promise<{ status: number; answer: string }> {
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    const first = options.addresses[0] as LookupAddress;
    if (lookupOptions.all) callback(null, options.addresses);
    else callback(null, first.address, first.family);
  };
  const { request } = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method,
        headers:
          options.body === undefined
            ? options.headers
            : { ...options.headers, 'Content-Length': Buffer.byteLength(options.body) },
        lookup: pinned,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          res.destroy();
          resolve({
            status: res.statusCode ?? 0,
            answer: Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8'),
          });
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.byteLength;
          if (size >= ANSWER_BYTES) finish();
        });
        res.on('end', finish);
        // Cut off while reading (the timeout): the status line came, so it is still an answer.
        res.on('close', finish);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line);
}

function describe(error: unknown): string {
  const e = error as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (e instanceof WebhookAddressError) return e.message;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer within the timeout';
  if (e.code) return `${e.message.includes(e.code) ? e.message : `${e.code}: ${e.message}`}`.slice(0, 300);
  const cause = e.cause?.code ?? e.cause?.message;
  return (cause ? `${e.message}: ${cause}` : e.message).slice(0, 300);
}
