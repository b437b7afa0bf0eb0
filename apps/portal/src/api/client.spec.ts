import { afterEach, describe, expect, it } from 'vitest';
import { type RecordedRequest, type ScriptedResponse, startScriptedApi } from '../testing/scriptedApi.js';
import { ApiError, createApiClient } from './client.js';

const user = {
  id: 'u1',
  email: 'demo@mtredi.ge',
  name: 'Demo User',
  role: 'owner',
  organization: { id: 'o1', name: 'Mtredi Demo' },
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
});
