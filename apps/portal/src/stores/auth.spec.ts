import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { startScriptedApi } from '../testing/scriptedApi.js';
import { PENDING_RECHECK_MS, useAuthStore } from './auth.js';

const me = (role: string, status: string) => ({
  id: 'u1',
  email: 'nino@bakery.ge',
  name: 'Nino',
  role,
  organization: { id: 'o1', name: 'Kutaisi Bakery', status },
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await close?.();
});

async function storeAnswering(answer: () => unknown) {
  const api = await startScriptedApi(() => ({ status: 200, body: answer() }));
  close = api.close;
  setApiClient(createApiClient({ baseUrl: api.baseUrl }));
  setActivePinia(createPinia());
  return { store: useAuthStore(), requests: api.requests };
}

describe('auth store', () => {
  it('asks again about a pending organization after a while, so activation shows without a new login', async () => {
    let status = 'pending';
    const { store, requests } = await storeAnswering(() => me('owner', status));
    vi.useFakeTimers({ toFake: ['Date'] });
    await store.ensureSession();
    expect(store.canSend).toBe(false);
    await store.ensureSession();
    expect(requests).toHaveLength(1);

    status = 'active';
    vi.setSystemTime(Date.now() + PENDING_RECHECK_MS + 1);
    await store.ensureSession();
    expect(requests).toHaveLength(2);
    expect(store.canSend).toBe(true);
    // Active is settled: no more questions on navigation.
    vi.setSystemTime(Date.now() + PENDING_RECHECK_MS + 1);
    await store.ensureSession();
    expect(requests).toHaveLength(2);
  });

  it('never lets staff send, whatever their organization', async () => {
    const { store } = await storeAnswering(() => me('staff', 'active'));
    await store.ensureSession();
    expect(store.isStaff).toBe(true);
    expect(store.canSend).toBe(false);
  });
});
