import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Receipt } from '@mtredi/channel-sdk';
import { ApiReceipt, toReceipt } from './api.js';

/** Header carrying `sha256=<hex>`: HMAC-SHA256, keyed with the token, of `id.status.errorCode.at`. */
export const SIGNATURE_HEADER = 'x-aggregator-signature';

export type CallbackHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A request to the callback endpoint that is not a genuine receipt of this channel; answer it 4xx. */
export class AggregatorCallbackError extends Error {
  constructor(
    readonly code: 'aggregator/bad_callback' | 'aggregator/bad_signature',
    message: string,
  ) {
    super(message);
  }
}

/** The signature the aggregator puts on a callback; fields, not bytes, so a parsed body can be checked. */
export function callbackSignature(token: string, r: ApiReceipt): string {
  const canonical = `${r.id}.${r.status}.${r.errorCode ?? ''}.${r.at}`;
  return `sha256=${createHmac('sha256', token).update(canonical).digest('hex')}`;
}

/**
 * Turns one callback body (`{ id, status, errorCode?, at }`, already parsed from JSON, or its text)
 * into the receipts it reports. With `token`, the signature header must match.
 */
export function parseCallbackBody(body: unknown, headers: CallbackHeaders, token: string | undefined): Receipt[] {
  const value = typeof body === 'string' || body instanceof Uint8Array ? parseText(body) : body;
  const parsed = ApiReceipt.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AggregatorCallbackError(
      'aggregator/bad_callback',
      `not an aggregator receipt: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  if (token !== undefined) {
    const given = Buffer.from(header(headers, SIGNATURE_HEADER) ?? '');
    const expected = Buffer.from(callbackSignature(token, parsed.data));
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) throw new AggregatorCallbackError('aggregator/bad_signature', `missing or wrong ${SIGNATURE_HEADER}`);
  }
  return [toReceipt(parsed.data)];
}

function parseText(body: string | Uint8Array): unknown {
  try {
    return JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}

function header(headers: CallbackHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
