import { afterEach, describe, expect, it } from 'vitest';
import { type RecordedRequest, type ScriptedResponse, startScriptedApi } from '../testing/scriptedApi.js';
import { ApiError, createApiClient } from './client.js';

const user = {
  id: 'u1',
  email: 'demo@mtredi.ge',
  name: 'Demo User',
  role: 'owner',
  organization: { id: 'o1', name: 'Mtredi Demo', status: 'active' },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function clientAnswering(handle: (request: RecordedRequest) => ScriptedResponse) {
  const api = await startScriptedApi(handle);
  close = api.close;
  const inits: RequestInit[] = [];
  const client = createApiClient({
    baseUrl: api.baseUrl,
    fetch: (input, init) => {
      if (init) inits.push(init);
      return fetch(input, init);
    },
  });
  return { client, requests: api.requests, inits };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('api client', () => {
  it('posts the login as JSON with the session cookie included and parses the user', async () => {
    const { client, requests, inits } = await clientAnswering(() => ({ status: 200, body: user }));
    const me = await client.login({ email: 'demo@mtredi.ge', password: 'secret' });
    expect(me.organization.name).toBe('Mtredi Demo');
    expect(requests).toEqual([
      { method: 'POST', url: '/v1/auth/login', body: { email: 'demo@mtredi.ge', password: 'secret' } },
    ]);
    expect(inits[0]?.credentials).toBe('include');
  });

  it('turns the error body into an ApiError with code, message and field details', async () => {
    const { client } = await clientAnswering(() => ({
      status: 400,
      body: {
        code: 'validation/invalid_request',
        message: 'Invalid request',
        details: [{ path: 'to', message: '"12" is not a valid Georgian phone number' }],
      },
    }));
    const error = await caught(client.sendMessage({ to: '12', sender: 'Mtredi', text: 'hi' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation/invalid_request');
    expect(error.message).toBe('Invalid request');
    expect(error.detailFor('to')).toBe('"12" is not a valid Georgian phone number');
    expect(error.detailFor('text')).toBeUndefined();
  });

  it('reports an answer that is not the error body as a bad response, keeping the status', async () => {
    const { client } = await clientAnswering(() => ({ status: 502, body: 'Bad Gateway' }));
    const error = await caught(client.listMessages());
    expect(error.status).toBe(502);
    expect(error.code).toBe('network/bad_response');
  });

  it('refuses a success body that does not match the contract', async () => {
    const { client } = await clientAnswering(() => ({ status: 200, body: { items: [{ id: 1 }] } }));
    const error = await caught(client.listSenders());
    expect(error.code).toBe('network/bad_response');
  });

  it('answers null from me() when there is no session, and rethrows other failures', async () => {
    let status = 401;
    const { client } = await clientAnswering(() => ({
      status,
      body: { code: status === 401 ? 'auth/unauthenticated' : 'internal', message: 'no' },
    }));
    expect(await client.me()).toBeNull();
    status = 500;
    expect((await caught(client.me())).status).toBe(500);
  });

  it('tells the app about every 401, so an expired session anywhere leads back to the login', async () => {
    const api = await startScriptedApi((request) =>
      request.url === '/v1/senders'
        ? { status: 401, body: { code: 'auth/unauthenticated', message: 'Log in' } }
        : { status: 200, body: { items: [] } },
    );
    close = api.close;
    let ended = 0;
    const client = createApiClient({ baseUrl: api.baseUrl, onUnauthorized: () => (ended += 1) });
    await client.listMessages();
    expect(ended).toBe(0);
    expect((await caught(client.listSenders())).code).toBe('auth/unauthenticated');
    expect(ended).toBe(1);
  });

  it('reports an unreachable server as network/unreachable', async () => {
    const { client } = await clientAnswering(() => ({ status: 204 }));
    await close?.();
    close = undefined;
    const error = await caught(client.logout());
    expect(error.status).toBe(0);
    expect(error.code).toBe('network/unreachable');
  });

  it('asks for the list with the limit and encodes ids in paths', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 404, body: { code: 'x', message: 'y' } }));
    await caught(client.listMessages(20));
    await caught(client.getMessage('a/b'));
    expect(requests.map((r) => r.url)).toEqual(['/v1/messages?limit=20', '/v1/messages/a%2Fb']);
  });

  it('registers, and reports a taken e-mail by its code', async () => {
    let taken = false;
    const { client, requests } = await clientAnswering(() =>
      taken
        ? { status: 409, body: { code: 'accounts/email_taken', message: 'E-mail already registered' } }
        : { status: 201, body: { ...user, organization: { ...user.organization, status: 'pending' } } },
    );
    const request = {
      companyName: 'Kutaisi Bakery',
      contactName: 'Nino Beridze',
      email: 'nino@bakery.ge',
      phone: '599 12 34 56',
      password: 'a-long-password',
    };
    expect((await client.register(request)).organization.status).toBe('pending');
    expect(requests[0]).toEqual({ method: 'POST', url: '/v1/auth/register', body: request });
    taken = true;
    const error = await caught(client.register(request));
    expect([error.status, error.code]).toEqual([409, 'accounts/email_taken']);
  });

  it('keeps the Retry-After of a throttled login', async () => {
    const api = await startScriptedApi(() => ({
      status: 429,
      body: { code: 'auth/too_many_attempts', message: 'Too many attempts' },
      headers: { 'retry-after': '120' },
    }));
    close = api.close;
    const error = await caught(createApiClient({ baseUrl: api.baseUrl }).login({ email: 'a@b.ge', password: 'x' }));
    expect(error.code).toBe('auth/too_many_attempts');
    expect(error.retryAfterSeconds).toBe(120);
  });

  it('uses the right verbs and paths for organization, keys, billing and staff calls', async () => {
    const { client, requests } = await clientAnswering((request) => {
      if (request.method === 'DELETE' || request.url.startsWith('/v1/auth/')) return { status: 204 };
      return { status: 500, body: { code: 'internal/error', message: 'not scripted' } };
    });
    await client.removeMember('m/1');
    await client.revokeApiKey('k1');
    await client.logoutAll();
    await client.changePassword({ currentPassword: 'old', newPassword: 'new-password-1' });
    await caught(client.updateOrganization({ website: null }));
    await caught(client.replacePackages({ items: [{ name: 'S', parts: 1000, priceTetri: 4500 }] }));
    await caught(client.activateOrganization('o1'));
    await caught(client.confirmTopUp('t1'));
    await caught(client.listAdminOrganizations('pending'));
    await caught(client.listAdminTopUps('requested'));
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /v1/organization/members/m%2F1',
      'DELETE /v1/api-keys/k1',
      'POST /v1/auth/logout-all',
      'POST /v1/auth/password',
      'PATCH /v1/organization',
      'PUT /v1/admin/packages',
      'POST /v1/admin/organizations/o1/activate',
      'POST /v1/admin/top-ups/t1/confirm',
      'GET /v1/admin/organizations?status=pending',
      'GET /v1/admin/top-ups?status=requested',
    ]);
    expect(requests[4]?.body).toEqual({ website: null });
  });

  it('passes ledger filters and the paging cursor, leaving out empty ones', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: { items: [], nextBefore: null } }));
    await client.listLedger({ from: '2026-01-01', to: '', kind: 'top_up', limit: 50, before: 120 });
    await client.listLedger();
    expect(requests.map((r) => r.url)).toEqual([
      '/v1/ledger?from=2026-01-01&kind=top_up&limit=50&before=120',
      '/v1/ledger',
    ]);
    expect(createApiClient().ledgerExportUrl({ from: '2026-01-01', to: '2026-01-31' })).toBe(
      '/v1/ledger/export.xlsx?from=2026-01-01&to=2026-01-31',
    );
  });
});
