/** No request waits longer than this: a hung platform fails the drill instead of stalling it. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** A failed API call: the status and the platform's `{ code, message }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SentMessage {
  id: string;
  status: string;
  parts: number;
}

export interface MessageView {
  id: string;
  to: string;
  text: string;
  status: string;
  parts: number;
  createdAt: string;
  /** When the status last changed in the platform (a receipt's own time is in `history`). */
  updatedAt: string;
  history: { status: string; at: string; errorCode?: string | null }[];
}

export interface ChannelView {
  id: string;
  name: string;
  driver: string;
  enabled: boolean;
  health: string;
  healthDetail: string | null;
}

export interface LedgerEntry {
  id: number;
  kind: 'trial' | 'top_up' | 'reserve' | 'consume' | 'release';
  amount: number;
  memo: string;
}

/** The platform's HTTP API as a customer (API key) or a staff member (session cookie) uses it. */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    private readonly auth: Record<string, string>,
  ) {}

  static withKey(baseUrl: string, apiKey: string): ApiClient {
    return new ApiClient(baseUrl, { authorization: `Bearer ${apiKey}` });
  }

  /** Logs in through `POST /v1/auth/login` and keeps the session cookie. */
  static async login(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new ApiError(res.status, 'login', `login as ${email} answered ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('mtredi_session='))
      ?.split(';')[0];
    if (!cookie) throw new Error('login set no session cookie');
    return new ApiClient(baseUrl, { cookie });
  }

  async request<T>(method: string, path: string, body?: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { ...this.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const answer = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const error = answer as { code?: string; message?: string } | undefined;
      throw new ApiError(
        res.status,
        error?.code ?? 'unknown',
        `${method} ${path}: ${res.status} ${text.slice(0, 500)}`,
      );
    }
    return answer as T;
  }

  send(message: { to: string; sender: string; text: string; reference?: string }): Promise<SentMessage> {
    return this.request('POST', '/v1/messages', message);
  }

  message(id: string): Promise<MessageView> {
    return this.request('GET', `/v1/messages/${id}`);
  }

  balance(): Promise<{ available: number; reserved: number }> {
    return this.request('GET', '/v1/balance');
  }

  /** Every posting of a kind, newest first, following the ledger's cursor. */
  async ledger(kind: LedgerEntry['kind']): Promise<LedgerEntry[]> {
    const all: LedgerEntry[] = [];
    let before: number | null = null;
    for (let page = 0; page < 10_000; page++) {
      const query: string = `/v1/ledger?kind=${kind}&limit=500${before ? `&before=${before}` : ''}`;
      const { items, nextBefore } = await this.request<{ items: LedgerEntry[]; nextBefore: number | null }>(
        'GET',
        query,
      );
      all.push(...items);
      if (nextBefore === null) break;
      before = nextBefore;
    }
    return all;
  }

  channels(): Promise<{ items: ChannelView[] }> {
    return this.request('GET', '/v1/admin/channels');
  }

  async createChannel(channel: {
    name: string;
    driver: string;
    config: Record<string, unknown>;
    priority?: number;
    allowProviderSender?: boolean;
  }): Promise<string> {
    return (await this.request<{ id: string }>('POST', '/v1/admin/channels', channel)).id;
  }

  async updateChannel(id: string, changes: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', `/v1/admin/channels/${id}`, changes);
  }

  async setRoute(operator: string, channelIds: string[]): Promise<void> {
    await this.request('PUT', `/v1/admin/routes/${operator}`, { channelIds });
  }
}

/**
 * Gives the demo organization credit the way a customer gets it: the customer requests the smallest
 * packages that cover `parts`, staff confirm the payments.
 */
export async function topUp(customer: ApiClient, staff: ApiClient, parts: number): Promise<number> {
  const { items } = await customer.request<{ items: { id: string; parts: number }[] }>('GET', '/v1/packages');
  const biggest = [...items].sort((a, b) => b.parts - a.parts)[0];
  if (!biggest) throw new Error('the platform offers no credit packages');
  let added = 0;
  for (let i = 0; added < parts && i < 1000; i++) {
    const fits = [...items].sort((a, b) => a.parts - b.parts).find((p) => p.parts >= parts - added) ?? biggest;
    const request = await customer.request<{ id: string }>('POST', '/v1/top-ups', { packageId: fits.id });
    await staff.request('POST', `/v1/admin/top-ups/${request.id}/confirm`);
    added += fits.parts;
  }
  return added;
}
