import {
  ErrorBody,
  type LoginRequest,
  Message,
  MessageList,
  SenderList,
  type SendMessageRequest,
  SessionUser,
} from '@mtredi/api-contract';
import type { z } from 'zod';

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
  ) {
    super(message);
  }

  /** The message for one request field, if the API named that field. */
  detailFor(path: string): string | undefined {
    return this.details.find((d) => d.path === path)?.message;
  }
}

export interface ApiClientOptions {
  /** Origin to call; empty means same origin, which is how the portal is served. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called on every 401 answer, before the error is thrown: the session is gone, whatever the call was. */
  onUnauthorized?: () => void;
}

type Method = 'GET' | 'POST';

/** Creates the typed client; every response body is parsed with the shared contract schema. */
export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call(method: Method, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        credentials: 'include',
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, 'network/unreachable', cause instanceof Error ? cause.message : String(cause));
    }
    const text = await response.text();
    const json = text === '' ? undefined : safeJson(text);
    if (response.status === 401) options.onUnauthorized?.();
    if (!response.ok) throw toApiError(response.status, json);
    return json;
  }

  function parse<S extends z.ZodType>(schema: S, status: number, value: unknown): z.infer<S> {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new ApiError(status, 'network/bad_response', `Unexpected response: ${result.error.message}`);
    }
    return result.data;
  }

  return {
    async login(request: LoginRequest): Promise<SessionUser> {
      return parse(SessionUser, 200, await call('POST', '/v1/auth/login', request));
    },
    async logout(): Promise<void> {
      await call('POST', '/v1/auth/logout');
    },
    /** The signed-in user, or null when there is no valid session. */
    async me(): Promise<SessionUser | null> {
      try {
        return parse(SessionUser, 200, await call('GET', '/v1/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    async listSenders(): Promise<z.infer<typeof SenderList>> {
      return parse(SenderList, 200, await call('GET', '/v1/senders'));
    },
    async sendMessage(request: SendMessageRequest): Promise<Message> {
      return parse(Message, 201, await call('POST', '/v1/messages', request));
    },
    async listMessages(limit = 50): Promise<MessageList> {
      return parse(MessageList, 200, await call('GET', `/v1/messages?limit=${limit}`));
    },
    async getMessage(id: string): Promise<Message> {
      return parse(Message, 200, await call('GET', `/v1/messages/${encodeURIComponent(id)}`));
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, json: unknown): ApiError {
  const body = ErrorBody.safeParse(json);
  if (body.success) return new ApiError(status, body.data.code, body.data.message, body.data.details ?? []);
  return new ApiError(status, 'network/bad_response', `HTTP ${status}`);
}
