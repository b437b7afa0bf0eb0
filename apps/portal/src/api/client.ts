import {
  type AddMemberRequest,
  AdminOrganizationList,
  ApiKeyList,
  Balance,
  type ChangePasswordRequest,
  CreatedApiKey,
  ErrorBody,
  LedgerPage,
  type LedgerQuery,
  type LoginRequest,
  Member,
  MemberList,
  Message,
  MessageList,
  OrganizationProfile,
  type OrganizationStatus,
  PackageList,
  type RegisterRequest,
  type ReplacePackagesRequest,
  type SendMessageRequest,
  SessionUser,
  TopUp,
  TopUpList,
  type TopUpStatus,
  type UpdateOrganizationRequest,
} from '@mtredi/api-contract';
import type { z } from 'zod';
import { analyzeEndpoints } from './analyze.js';
import { campaignEndpoints } from './campaigns.js';
import { channelEndpoints } from './channels.js';
import { contactEndpoints } from './contacts.js';
import { ApiError, parseRetryAfter } from './errors.js';
import { queryString } from './query.js';
import { senderEndpoints } from './senders.js';
import { type FileAnswer, isRawBody, type Method, type Transport } from './transport.js';

export type { ApiErrorDetail } from './errors.js';
export { ApiError } from './errors.js';
export { queryString } from './query.js';

export interface ApiClientOptions {
  /** Origin to call; empty means same origin, which is how the portal is served. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called on every 401 answer, before the error is thrown: the session is gone, whatever the call was. */
  onUnauthorized?: () => void;
}

type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.infer<S>;

/** Ledger filters as the portal sends them; `limit` and `before` page through the history. */
export type LedgerFilter = Partial<Pick<LedgerQuery, 'from' | 'to' | 'kind' | 'limit' | 'before'>>;

const id = (value: string): string => encodeURIComponent(value);

/** Creates the typed client; every response body is parsed with the shared contract schema. */
export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function exchange(method: Method, path: string, body: unknown, accept: string): Promise<Response> {
    const raw = isRawBody(body);
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        credentials: 'include',
        headers:
          body === undefined ? { accept } : { 'content-type': raw ? body.contentType : 'application/json', accept },
        body: body === undefined ? undefined : raw ? body.raw : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, 'network/unreachable', cause instanceof Error ? cause.message : String(cause));
    }
    if (response.status === 401) options.onUnauthorized?.();
    if (!response.ok) {
      const text = await response.text();
      throw toApiError(response, text === '' ? undefined : safeJson(text));
    }
    return response;
  }

  async function call(method: Method, path: string, body?: unknown): Promise<unknown> {
    const text = await (await exchange(method, path, body, 'application/json')).text();
    return text === '' ? undefined : safeJson(text);
  }

  async function file(method: Method, path: string, body?: unknown): Promise<FileAnswer> {
    const response = await exchange(method, path, body, '*/*');
    return { blob: await response.blob(), headers: response.headers };
  }

  function parse<S extends z.ZodType>(schema: S, status: number, value: unknown): Out<S> {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new ApiError(status, 'network/bad_response', `Unexpected response: ${result.error.message}`);
    }
    return result.data;
  }

  const get = async <S extends z.ZodType>(schema: S, path: string) => parse(schema, 200, await call('GET', path));
  const send = async <S extends z.ZodType>(schema: S, method: Method, path: string, body?: unknown) =>
    parse(schema, method === 'POST' ? 201 : 200, await call(method, path, body));
  const transport: Transport = { get, send, call, file };

  return {
    // Session and account
    login: async (request: LoginRequest) => parse(SessionUser, 200, await call('POST', '/v1/auth/login', request)),
    register: (request: RegisterRequest) => send(SessionUser, 'POST', '/v1/auth/register', request),
    async logout(): Promise<void> {
      await call('POST', '/v1/auth/logout');
    },
    /** Ends every session of the user, this one included. */
    async logoutAll(): Promise<void> {
      await call('POST', '/v1/auth/logout-all');
    },
    async changePassword(request: In<typeof ChangePasswordRequest>): Promise<void> {
      await call('POST', '/v1/auth/password', request);
    },
    /** The signed-in user, or null when there is no valid session. */
    async me(): Promise<SessionUser | null> {
      try {
        return await get(SessionUser, '/v1/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },

    // Organization, members, API keys
    getOrganization: () => get(OrganizationProfile, '/v1/organization'),
    updateOrganization: (request: In<typeof UpdateOrganizationRequest>) =>
      send(OrganizationProfile, 'PATCH', '/v1/organization', request),
    listMembers: () => get(MemberList, '/v1/organization/members'),
    addMember: (request: In<typeof AddMemberRequest>) => send(Member, 'POST', '/v1/organization/members', request),
    async removeMember(memberId: string): Promise<void> {
      await call('DELETE', `/v1/organization/members/${id(memberId)}`);
    },
    listApiKeys: () => get(ApiKeyList, '/v1/api-keys'),
    createApiKey: (name: string) => send(CreatedApiKey, 'POST', '/v1/api-keys', { name }),
    async revokeApiKey(keyId: string): Promise<void> {
      await call('DELETE', `/v1/api-keys/${id(keyId)}`);
    },

    // Messages
    sendMessage: (request: SendMessageRequest) => send(Message, 'POST', '/v1/messages', request),
    /** Newest first; `before` (a message id) pages back through older ones. */
    listMessages: (limit = 50, before?: string) => get(MessageList, `/v1/messages${queryString({ limit, before })}`),
    getMessage: (messageId: string) => get(Message, `/v1/messages/${id(messageId)}`),
    ...analyzeEndpoints(transport),

    // Credit and billing
    getBalance: () => get(Balance, '/v1/balance'),
    listPackages: () => get(PackageList, '/v1/packages'),
    requestTopUp: (packageId: string) => send(TopUp, 'POST', '/v1/top-ups', { packageId }),
    listTopUps: () => get(TopUpList, '/v1/top-ups'),
    listLedger: (filter: LedgerFilter = {}) => get(LedgerPage, `/v1/ledger${queryString(filter)}`),
    /** A plain link: the browser downloads the file with the session cookie. */
    ledgerExportUrl: (filter: Omit<LedgerFilter, 'limit' | 'before'> = {}) =>
      `${baseUrl}/v1/ledger/export.xlsx${queryString({ from: filter.from, to: filter.to, kind: filter.kind })}`,

    // Staff
    listAdminOrganizations: (status?: Out<typeof OrganizationStatus>) =>
      get(AdminOrganizationList, `/v1/admin/organizations${queryString({ status })}`),
    activateOrganization: async (orgId: string) =>
      parse(OrganizationProfile, 200, await call('POST', `/v1/admin/organizations/${id(orgId)}/activate`)),
    listAdminTopUps: (status?: Out<typeof TopUpStatus>) =>
      get(TopUpList, `/v1/admin/top-ups${queryString({ status })}`),
    confirmTopUp: async (topUpId: string) =>
      parse(TopUp, 200, await call('POST', `/v1/admin/top-ups/${id(topUpId)}/confirm`)),
    listAdminPackages: () => get(PackageList, '/v1/admin/packages'),
    replacePackages: (request: In<typeof ReplacePackagesRequest>) =>
      send(PackageList, 'PUT', '/v1/admin/packages', request),

    // Sender names, notices, channels and routes
    ...senderEndpoints(transport),
    ...channelEndpoints(transport),
    // Contacts, imports, stop list, templates, drafts; campaigns and statistics
    ...contactEndpoints(transport, baseUrl),
    ...campaignEndpoints(transport, baseUrl),
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

function toApiError(response: Response, json: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const body = ErrorBody.safeParse(json);
  if (body.success) {
    return new ApiError(response.status, body.data.code, body.data.message, body.data.details ?? [], retryAfter);
  }
  return new ApiError(response.status, 'network/bad_response', `HTTP ${response.status}`, [], retryAfter);
}
