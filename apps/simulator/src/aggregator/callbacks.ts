import { createHmac } from 'node:crypto';
import { request } from 'node:http';

/** The body POSTed to a message's `callbackUrl` when it reaches a final state. */
export interface CallbackBody {
  id: string;
  status: string;
  errorCode?: string;
  /** ISO 8601. */
  at: string;
  reference?: string;
}

export interface CallbackRetry {
  /** Deliveries tried in all, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  initialDelayMs: number;
  /** An attempt not answered within this is a failure. */
  timeoutMs: number;
}

export const SIGNATURE_HEADER = 'x-aggregator-signature';

/**
 * `sha256=` + hex HMAC-SHA256, keyed with the account's bearer token, of `id.status.errorCode.at`.
 * Signing the fields rather than the bytes lets a receiver verify a body its framework already parsed.
 */
export function signCallback(token: string, body: CallbackBody): string {
  const canonical = `${body.id}.${body.status}.${body.errorCode ?? ''}.${body.at}`;
  return `sha256=${createHmac('sha256', token).update(canonical).digest('hex')}`;
}

/** True for http URLs on 127.0.0.0/8, ::1 or localhost: the simulator never sends anywhere else. */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.username || url.password) return false;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/**
 * Delivers receipts to callback URLs: any 2xx ends it; anything else (refused, timeout, 5xx) is tried
 * again after 1×, 2×, 4×… `initialDelayMs`, up to `attempts` in all, then given up (the receipt stays
 * in the polling feed).
 */
export class CallbackSender {
  readonly counters = { delivered: 0, failedAttempts: 0, givenUp: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<() => void>();
  private closed = false;

  constructor(private readonly retry: CallbackRetry) {}

  send(url: string, body: CallbackBody, token: string): void {
    const payload = JSON.stringify(body);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      [SIGNATURE_HEADER]: signCallback(token, body),
    };
    const attempt = (n: number): void => {
      if (this.closed) return;
      this.post(url, headers, payload).then((ok) => {
        if (ok) {
          this.counters.delivered++;
          return;
        }
        this.counters.failedAttempts++;
        if (n + 1 >= this.retry.attempts || this.closed) {
          this.counters.givenUp++;
          return;
        }
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            attempt(n + 1);
          },
          this.retry.initialDelayMs * 2 ** n,
        );
        this.timers.add(timer);
      });
    };
    attempt(0);
  }

  /** Cancels pending retries and aborts deliveries in flight. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const abort of this.inFlight) abort();
  }

  private post(url: string, headers: Record<string, string | number>, payload: string): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request(url, { method: 'POST', headers, timeout: this.retry.timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => done((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
        res.on('error', () => done(false));
      });
      const abort = () => req.destroy();
      const done = (ok: boolean) => {
        this.inFlight.delete(abort);
        resolve(ok);
      };
      this.inFlight.add(abort);
      req.on('timeout', () => req.destroy());
      req.on('error', () => done(false));
      req.end(payload);
    });
  }
}
