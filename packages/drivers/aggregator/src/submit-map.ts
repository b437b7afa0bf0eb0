import type { SubmitResult } from '@mtredi/channel-sdk';
import { z } from 'zod';
import { errorText, safeJson } from './api.js';
import type { HttpResponse } from './http.js';

/** What an answer says about the channel, for its health. */
export type HealthSignal = 'success' | 'throttled' | 'failure' | 'refused';

/** A submit answer: a definite result, or an outcome the driver must find out before answering. */
export type SubmitAnswer =
  | { kind: 'result'; result: SubmitResult; signal: HealthSignal }
  | { kind: 'unknown'; reason: string };

const Accepted = z.object({ id: z.string().min(1) });
const DEFAULT_RETRY_MS = 1000;

/**
 * Maps one answer to `POST /api/v1/messages`. 2xx: accepted under the aggregator's single id (one id per
 * message, not per part: the aggregator splits and reports the message as a whole). 400/409/413/422:
 * rejected with the aggregator's code. 429: throttled, wait Retry-After. 503 and 408: unavailable, not
 * taken. 401/403: the token is refused, the channel is unusable. 500/502/504 or a 2xx without an id:
 * the aggregator (or a proxy before it) may have taken the message, so the outcome is unknown.
 */
export function mapSubmitAnswer(res: HttpResponse): SubmitAnswer {
  const s = res.status;
  if (s >= 200 && s < 300) {
    const body = Accepted.safeParse(safeJson(res.body));
    if (body.success) return result({ kind: 'accepted', channelMessageIds: [body.data.id] }, 'success');
    return { kind: 'unknown', reason: `HTTP ${s} without a message id` };
  }
  if (s === 429) {
    const reason = `throttled by the aggregator (HTTP 429)`;
    return result({ kind: 'retry_later', delayMs: retryAfterMs(res), reason, cause: 'throttled' }, 'throttled');
  }
  if (s === 503 || s === 408) {
    const reason = `aggregator unavailable (HTTP ${s}): ${errorText(res)}`;
    return result({ kind: 'retry_later', delayMs: retryAfterMs(res), reason, cause: 'unavailable' }, 'failure');
  }
  if (s === 401 || s === 403) {
    const reason = `the aggregator refused the channel's token (HTTP ${s})`;
    return result({ kind: 'retry_later', delayMs: 30_000, reason, cause: 'unavailable' }, 'refused');
  }
  if (s >= 500) return { kind: 'unknown', reason: `HTTP ${s}: ${errorText(res)}` };
  const body = safeJson(res.body) as { code?: unknown } | undefined;
  const code = typeof body?.code === 'string' && body.code !== '' ? body.code : `http_${s}`;
  return result({ kind: 'rejected', code: `aggregator/${code}`, reason: errorText(res) }, 'success');
}

/** Retry-After in ms: the body's `retryAfterMs` when given (finer), else the header (seconds or a date). */
export function retryAfterMs(res: HttpResponse, now = Date.now()): number {
  const body = safeJson(res.body) as { retryAfterMs?: unknown } | undefined;
  if (typeof body?.retryAfterMs === 'number' && body.retryAfterMs > 0) return Math.ceil(body.retryAfterMs);
  const header = res.headers['retry-after'];
  if (typeof header !== 'string') return DEFAULT_RETRY_MS;
  if (/^\d+$/.test(header.trim())) return Math.max(1, Number(header) * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_MS : Math.max(1, date - now);
}

const result = (r: SubmitResult, signal: HealthSignal): SubmitAnswer => ({ kind: 'result', result: r, signal });
