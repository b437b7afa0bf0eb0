import type { Message, MessageStatus } from '@mtredi/api-contract';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { type Handler, startScriptedApi } from '../testing/scriptedApi.js';
import { isFinal, useMessagesStore } from './messages.js';

function message(id: string, status: MessageStatus): Message {
  return {
    id,
    to: '+995599123456',
    sender: 'Mtredi',
    text: 'გამარჯობა',
    reference: null,
    status,
    encoding: 'ucs2',
    parts: 1,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    history: [{ status, at: '2026-01-01T10:00:00.000Z' }],
  };
}

function summary(id: string, status: MessageStatus) {
  const { history: _history, ...rest } = message(id, status);
  return rest;
}

let close: (() => Promise<void>) | undefined;

async function storeAnswering(handle: Handler) {
  const api = await startScriptedApi(handle);
  close = api.close;
  setApiClient(createApiClient({ baseUrl: api.baseUrl }));
  setActivePinia(createPinia());
  const listCalls = () => api.requests.filter((r) => r.url.startsWith('/v1/messages?')).length;
  return { store: useMessagesStore(), requests: api.requests, listCalls };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

beforeEach(() => {
  close = undefined;
});
afterEach(async () => {
  await close?.();
});

describe('messages store', () => {
  it('knows which statuses are final', () => {
    expect(isFinal('delivered')).toBe(true);
    expect(isFinal('failed')).toBe(true);
    expect(isFinal('in_transit')).toBe(false);
    expect(isFinal('queued')).toBe(false);
  });

  it('keeps polling while a message is in transit and stops once all are final', async () => {
    let calls = 0;
    const { store, listCalls } = await storeAnswering(() => {
      calls += 1;
      const status: MessageStatus = calls < 3 ? 'in_transit' : 'delivered';
      return { status: 200, body: { items: [summary('m2', status), summary('m1', 'failed')] } };
    });
    const first = store.watch(10);
    expect(store.polling).toBe(true);
    await first;
    expect(store.items[0]?.status).toBe('in_transit');

    await vi.waitFor(() => expect(store.polling).toBe(false), { timeout: 2000, interval: 5 });
    expect(store.items.map((m) => m.status)).toEqual(['delivered', 'failed']);
    expect(listCalls()).toBe(3);
    await sleep(60);
    expect(listCalls()).toBe(3);
  });

  it('stops polling when told to, even with a request in flight', async () => {
    const { store, listCalls } = await storeAnswering(() => ({
      status: 200,
      body: { items: [summary('m1', 'queued')] },
    }));
    void store.watch(5);
    await vi.waitFor(() => expect(listCalls()).toBeGreaterThanOrEqual(3), { timeout: 2000, interval: 5 });
    store.stop();
    expect(store.polling).toBe(false);
    const after = listCalls();
    await sleep(60);
    // At most the one request that was already on the wire when stop() was called.
    expect(listCalls()).toBeLessThanOrEqual(after + 1);
    expect(store.polling).toBe(false);
  });

  it('gives up polling on 401 but retries other failures', async () => {
    let status = 503;
    const { store, listCalls } = await storeAnswering(() => ({
      status,
      body: { code: status === 401 ? 'auth/unauthenticated' : 'internal/unavailable', message: 'no' },
    }));
    void store.watch(5);
    await vi.waitFor(() => expect(listCalls()).toBeGreaterThanOrEqual(3), { timeout: 2000, interval: 5 });
    expect(store.polling).toBe(true);
    expect(store.error?.code).toBe('internal/unavailable');

    status = 401;
    await vi.waitFor(() => expect(store.polling).toBe(false), { timeout: 2000, interval: 5 });
    expect(store.error?.status).toBe(401);
    const after = listCalls();
    await sleep(40);
    expect(listCalls()).toBe(after);
  });

  it('refreshes the open message until it is final, also when the list is already final', async () => {
    let detailCalls = 0;
    const { store } = await storeAnswering((request) => {
      if (request.url === '/v1/messages/old') {
        detailCalls += 1;
        return { status: 200, body: message('old', detailCalls < 3 ? 'queued' : 'expired') };
      }
      return { status: 200, body: { items: [summary('new', 'delivered')] } };
    });
    await store.open('old');
    expect(store.detail?.status).toBe('queued');
    expect(store.hasPending).toBe(true);
    void store.watch(5);
    await vi.waitFor(() => expect(store.polling).toBe(false), { timeout: 2000, interval: 5 });
    expect(store.detail?.status).toBe('expired');
    store.close();
    expect(store.detail).toBeNull();
  });

  it('puts a sent message at the top of the list', async () => {
    const { store, requests } = await storeAnswering((request) =>
      request.method === 'POST'
        ? { status: 201, body: message('m3', 'queued') }
        : { status: 200, body: { items: [summary('m2', 'delivered'), summary('m1', 'delivered')] } },
    );
    await store.refresh();
    const sent = await store.send({ to: '599 12 34 56', sender: 'Mtredi', text: 'გამარჯობა' });
    expect(sent.id).toBe('m3');
    expect(store.items.map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    expect(store.hasPending).toBe(true);
    expect(requests.at(-1)?.body).toEqual({ to: '599 12 34 56', sender: 'Mtredi', text: 'გამარჯობა' });
  });
});
