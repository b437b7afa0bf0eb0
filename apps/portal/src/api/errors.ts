/** One field-level problem, `path` naming the request field (`to`, `sender`, `text`…). */
export interface ApiErrorDetail {
  path: string;
  message: string;
}

/**
 * Every failed call surfaces as this error. `code` is the API's stable namespaced code
 * (`auth/invalid_credentials`); screens branch on it, never on `message`.
 * Transport failures use `network/unreachable`, unreadable answers `network/bad_response`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** Seconds from a `Retry-After` header (429 after repeated failed logins), when the API sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The message for one request field, if the API named that field. */
  detailFor(path: string): string | undefined {
    return this.details.find((d) => d.path === path)?.message;
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
