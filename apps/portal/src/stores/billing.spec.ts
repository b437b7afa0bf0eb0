import type { TopUp } from '@mtredi/api-contract';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { type Handler, startScriptedApi } from '../testing/scriptedApi.js';
import { useBillingStore } from './billing.js';

const topUp = (status: TopUp['status']): TopUp => ({
  id: 't1',
  reference: 'MT-7K2P9',
  packageName: 'Start',
  parts: 1000,
  priceTetri: 4500,
  priceGel: '45.00',
  status,
  requestedAt: '2026-11-22T10:00:00.000Z',
  confirmedAt: status === 'confirmed' ? '2026-11-22T11:00:00.000Z' : null,
  organization: { id: 'o1', name: 'Kutaisi Bakery' },
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function storeAnswering(handle: Handler) {
  const api = await startScriptedApi(handle);
  close = api.close;
  setApiClient(createApiClient({ baseUrl: api.baseUrl }));
  setActivePinia(createPinia());
  return { store: useBillingStore(), requests: api.requests };
}

describe('billing store', () => {
  it('watches a requested top-up until staff confirm it, then reloads the balance', async () => {
    let confirmed = false;
    let listed = 0;
    const { store, requests } = await storeAnswering((request) => {
      if (request.url === '/v1/balance')
        return { status: 200, body: { available: confirmed ? 1010 : 10, reserved: 0 } };
      listed += 1;
      if (listed === 3) confirmed = true;
      return { status: 200, body: { items: [topUp(confirmed ? 'confirmed' : 'requested')] } };
    });
    await store.loadBalance();
    await store.watchTopUps(5);
    expect(store.awaitingPayment).toHaveLength(1);
    await vi.waitFor(() => expect(store.balance?.available).toBe(1010), { timeout: 2000, interval: 5 });
    expect(store.awaitingPayment).toHaveLength(0);
    const calls = requests.length;
    await new Promise((done) => setTimeout(done, 40));
    // Nothing left to wait for: the polling stopped.
    expect(requests.length).toBe(calls);
  });

  it('puts a new request at the top of the list and sorts packages by size', async () => {
    const { store, requests } = await storeAnswering((request) => {
      if (request.method === 'POST') return { status: 201, body: topUp('requested') };
      const pkg = (id: string, parts: number, priceTetri: number) => ({
        id,
        name: id,
        parts,
        priceTetri,
        priceGel: (priceTetri / 100).toFixed(2),
        pricePerPartTetri: priceTetri / parts,
      });
      return { status: 200, body: { items: [pkg('big', 10000, 40000), pkg('small', 1000, 4500)] } };
    });
    await store.loadPackages();
    expect(store.packages.map((p) => p.id)).toEqual(['small', 'big']);
    const created = await store.requestTopUp('0b7f3c1e-8d7a-4c2b-9a51-2f0e6d1c3b4a');
    expect(created.reference).toBe('MT-7K2P9');
    expect(store.topUps[0]?.id).toBe('t1');
    expect(requests.at(-1)?.body).toEqual({ packageId: '0b7f3c1e-8d7a-4c2b-9a51-2f0e6d1c3b4a' });
  });
});
